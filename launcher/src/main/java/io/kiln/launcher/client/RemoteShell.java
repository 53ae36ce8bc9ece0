package io.kiln.launcher.client;

import com.google.gson.JsonObject;

/** What a remote shell command's answer prints: its output as it came, and its error as the client's failure. */
final class RemoteShell {

    private RemoteShell() {
    }

    /** @return 0; a command that failed is thrown as its error, exit status 1 */
    static int print(KilnCommand kiln, JsonObject answer) throws ClientException {
        String output = Views.text(answer, "output");
        String error = Views.text(answer, "error");
        if (kiln.options.json) {
            kiln.print(new Output(answer, output));
        } else if (!output.isEmpty()) {
            kiln.out().print(output.endsWith("\n") ? output : output + "\n");
            kiln.out().flush();
        }
        if (!error.isEmpty()) {
            throw new ClientException(error, 1, answer);
        }
        return 0;
    }
}
