package io.kiln.launcher.client;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The client's command line: {@code [--api-url URL] [--token TOKEN] [--json] COMMAND ARGS...}. The address and token
 * default to what the running Kiln wrote in {@code data/} ({@code api-url}, {@code api-token}), then to the
 * environment ({@code KILN_API_URL}, {@code KILN_TOKEN}).
 */
record ClientOptions(String apiUrl, String token, boolean json, List<String> words, List<String> flags) {

    static ClientOptions parse(List<String> args) throws ClientException {
        String apiUrl = null;
        String token = null;
        boolean json = false;
        List<String> words = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--headless" -> { } // bin/kiln adds it without a terminal
                case "--json" -> json = true;
                case "--api-url", "--token" -> {
                    if (i + 1 >= args.size()) {
                        throw usage(arg + " needs a value");
                    }
                    if (arg.equals("--api-url")) {
                        apiUrl = args.get(++i);
                    } else {
                        token = args.get(++i);
                    }
                }
                default -> {
                    if (arg.startsWith("--api-url=")) {
                        apiUrl = arg.substring(10);
                    } else if (arg.startsWith("--token=")) {
                        token = arg.substring(8);
                    } else if (arg.startsWith("-")) {
                        flags.add(arg);
                    } else {
                        words.add(arg);
                    }
                }
            }
        }
        return new ClientOptions(apiUrl, token, json, List.copyOf(words), List.copyOf(flags));
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    /** @return the value of {@code --name=value}, or {@code null} */
    String value(String name) {
        return flags.stream().filter(f -> f.startsWith(name + "=")).map(f -> f.substring(name.length() + 1)).findFirst().orElse(null);
    }

    void allowFlags(String... allowed) throws ClientException {
        for (String flag : flags) {
            String name = flag.contains("=") ? flag.substring(0, flag.indexOf('=')) : flag;
            if (!List.of(allowed).contains(name)) {
                throw usage("unknown option '" + flag + "' for " + words.get(0));
            }
        }
    }

    URI apiUri(Path home, Map<String, String> env) throws ClientException {
        String url = apiUrl != null ? apiUrl : read(home.resolve("data/api-url"));
        if (url == null) {
            url = env.getOrDefault("KILN_API_URL", "http://127.0.0.1:8181/");
        }
        try {
            URI uri = URI.create(url.strip().endsWith("/") ? url.strip() : url.strip() + "/");
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw usage("--api-url must be an http or https URL, not '" + url + "'");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw usage("--api-url is not a URL: " + url);
        }
    }

    String token(Path home, Map<String, String> env) throws ClientException {
        if (token != null) {
            return token;
        }
        Path file = home.resolve("data/api-token");
        String fromFile = read(file);
        if (fromFile != null) {
            return fromFile.strip();
        }
        if (env.containsKey("KILN_TOKEN")) {
            return env.get("KILN_TOKEN");
        }
        throw new ClientException("no API token: " + file + " is missing or unreadable (start Kiln once to make it, or pass --token)");
    }

    private static String read(Path file) {
        try {
            return Files.isReadable(file) ? Files.readString(file).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    static ClientException usage(String message) {
        return new ClientException(message + " ('kiln help' lists the commands)", 2, null);
    }
}
