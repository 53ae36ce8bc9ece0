package io.kiln.launcher.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code data/api-url} as the http bundle writes it: the address on the first line, then {@code pid=N} and
 * {@code home=PATH}, the process and the real path of the distribution that serves it. A copy of the folder made
 * while Kiln runs carries the original's file: the owner lines tell it apart.
 */
record ApiUrlFile(String url, long pid, String home) {

    /** @return the file's contents, or {@code null} if there is none */
    static ApiUrlFile read(Path file) {
        List<String> lines;
        try {
            if (file == null || !Files.isReadable(file)) {
                return null;
            }
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return null;
        }
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            return null;
        }
        long pid = -1;
        String home = null;
        for (String line : lines.subList(1, lines.size())) {
            if (line.startsWith("pid=")) {
                try {
                    pid = Long.parseLong(line.substring(4).strip());
                } catch (NumberFormatException e) {
                    pid = -1;
                }
            } else if (line.startsWith("home=")) {
                home = line.substring(5).strip();
            }
        }
        return new ApiUrlFile(lines.get(0).strip(), pid, home);
    }

    /**
     * @throws ClientException when the file names another folder, or a process that has ended (a file without owner
     *         lines, from a Kiln before they were written, is taken as it is)
     */
    void checkOwner(Path home) throws ClientException {
        if (this.home == null) {
            return;
        }
        String mine = realPath(home);
        if (!mine.equals(realPath(Path.of(this.home)))) {
            throw new ClientException("Kiln in " + mine + " is not running; data/api-url belongs to " + this.home + " (pid " + pid
                    + "), which this folder was copied from (pass --api-url to drive that one)");
        }
        if (pid > 0 && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
            throw new ClientException("Kiln in " + mine + " is not running; data/api-url is left from pid " + pid + ", which has ended");
        }
    }

    private static String realPath(Path path) {
        try {
            return path.toRealPath().toString();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize().toString();
        }
    }
}
