package io.kiln.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The sockets a process listens on, from {@code /proc/<pid>/net/tcp*} and {@code udp*} matched against the
 * process's own file descriptors: the check that a runtime under measurement serves loopback only.
 */
final class Listeners {

    /** One listening socket. */
    record Listener(String protocol, InetAddress address, int port) {
        boolean loopback() {
            return address.isLoopbackAddress();
        }

        @Override
        public String toString() {
            return protocol + " " + address.getHostAddress() + ":" + port;
        }
    }

    private static final String TCP_LISTEN = "0A";

    private Listeners() {
    }

    static List<Listener> of(long pid) throws IOException {
        Set<String> inodes = socketInodes(pid);
        List<Listener> found = new ArrayList<>();
        for (String protocol : List.of("tcp", "tcp6", "udp", "udp6")) {
            Path table = Path.of("/proc", Long.toString(pid), "net", protocol);
            List<String> lines = Files.readAllLines(table, StandardCharsets.US_ASCII);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                // a UDP socket with no remote end receives from anyone: count it as listening
                boolean listening = protocol.startsWith("udp") ? f[2].matches("0+:0+") : TCP_LISTEN.equals(f[3]);
                if (listening && inodes.contains(f[9])) {
                    String[] local = f[1].split(":");
                    found.add(new Listener(protocol, address(local[0]), Integer.parseInt(local[1], 16)));
                }
            }
        }
        return found;
    }

    private static Set<String> socketInodes(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        return inodes;
    }

    /** The kernel prints each 32-bit word of the address in host (little-endian) byte order. */
    private static InetAddress address(String hex) throws IOException {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = (word * 4 + 3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return InetAddress.getByAddress(bytes);
    }
}
