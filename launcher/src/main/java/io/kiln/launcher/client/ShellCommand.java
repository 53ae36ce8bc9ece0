package io.kiln.launcher.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonObject;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kiln shell}: the running Kiln's Gogo shell from another terminal, a line at a time. Variables and the last
 * result live in one session until {@code exit} or the end of input.
 */
@Command(name = "shell", description = "Opens the running Kiln's shell from this terminal: one command a line; 'exit [N]' or Ctrl-D ends it "
        + "(with N, or the last command's status).")
final class ShellCommand implements Callable<Integer> {

    /** {@code exit}, ending with the last command's status, or {@code exit N} (0 to 255), as a shell's. */
    private static final Pattern EXIT = Pattern.compile("\\s*exit(?:\\s+(\\d{1,3}))?\\s*");

    @ParentCommand
    KilnCommand kiln;

    @Override
    public Integer call() throws ClientException {
        ApiClient api = kiln.api();
        String session = Views.text(api.post("api/v1/shell/sessions").getAsJsonObject(), "session");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int last = 0;
        // a prompt for a person at a terminal; input from a pipe or a file gets the commands' output only
        boolean prompt = System.console() != null;
        try {
            while (true) {
                if (prompt) {
                    kiln.out().print("kiln> ");
                    kiln.out().flush();
                }
                String line = in.readLine();
                if (line == null) {
                    break;
                }
                Matcher exit = EXIT.matcher(line);
                if (exit.matches()) {
                    last = exit.group(1) == null ? last : Integer.parseInt(exit.group(1));
                    break;
                }
                if (line.isBlank()) {
                    continue;
                }
                JsonObject body = new JsonObject();
                body.addProperty("command", line);
                body.addProperty("session", session);
                try {
                    last = RemoteShell.print(kiln, api.post("api/v1/shell", body).getAsJsonObject());
                } catch (ClientException e) {
                    // the command's error, and the shell goes on, as Gogo's own does
                    System.err.println(e.getMessage());
                    last = 1;
                }
            }
        } catch (IOException e) {
            throw new ClientException("cannot read the terminal: " + e.getMessage());
        } finally {
            try {
                api.delete("api/v1/shell/sessions/" + session);
            } catch (ClientException e) {
                // closed already, or Kiln went away: it ends idle sessions itself
            }
        }
        if (prompt) {
            kiln.out().println();
        }
        return last;
    }
}
