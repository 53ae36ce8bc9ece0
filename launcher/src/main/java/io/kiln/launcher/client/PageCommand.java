package io.kiln.launcher.client;

import java.net.URI;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kiln page}: the link that opens the running Kiln's web page already logged in, the token in the URL's
 * fragment (which the browser never sends to a server; the page takes it out of the address bar at once).
 */
@Command(name = "page", description = "Prints the link that opens the web page logged in (it holds the token: keep it to yourself).")
final class PageCommand implements Callable<Integer> {

    @ParentCommand
    KilnCommand kiln;

    @Override
    public Integer call() throws ClientException {
        URI base = kiln.options.apiUri(kiln.home(), kiln.env());
        String link = base.resolve("/") + "#token=" + kiln.options.token(kiln.home(), kiln.env());
        return kiln.print(new Output(java.util.Map.of("url", link), link));
    }
}
