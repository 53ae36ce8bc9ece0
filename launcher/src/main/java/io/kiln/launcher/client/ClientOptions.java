package io.kiln.launcher.client;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.kiln.launcher.KilnProperties;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command takes, anywhere on the line: {@code --api-url URL}, {@code --token TOKEN}, {@code --json}.
 * The address and token default to what this folder's running Kiln wrote in {@code data/} ({@code api-url},
 * {@code api-token}), then to the environment ({@code KILN_API_URL}, {@code KILN_TOKEN}).
 */
final class ClientOptions {

    @Option(names = "--api-url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "the admin API's address (default: data/api-url of this folder's running Kiln, then $KILN_API_URL)")
    String apiUrl;

    @Option(names = "--token", paramLabel = "TOKEN", scope = ScopeType.INHERIT,
            description = "the API's bearer token (default: data/api-token, then $KILN_TOKEN)")
    String token;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print the API's JSON instead of a table")
    boolean json;

    /** bin/kiln adds it when stdin is not a terminal; meaningless to the client. */
    @Option(names = "--headless", hidden = true)
    boolean headless;

    /**
     * @return the API's address: {@code --api-url}, else this folder's {@code data/api-url} once it is known to belong
     *         to this folder's running Kiln, else {@code KILN_API_URL}
     * @throws ClientException when {@code data/api-url} was written by another folder's Kiln, or by one that has ended, or
     *                         there is none and no address was given
     */
    URI apiUri(Path home, Map<String, String> env) throws ClientException {
        String url = apiUrl;
        if (url == null) {
            ApiUrlFile file = ApiUrlFile.read(settingsFile(home, KilnProperties.API_URL_FILE));
            if (file != null) {
                file.checkOwner(home);
                url = file.url();
            }
        }
        if (url == null) {
            url = env.get("KILN_API_URL");
        }
        if (url == null) {
            // not a default address: another Kiln may listen there, and it would be sent this folder's token
            throw new ClientException("Kiln in " + home.toAbsolutePath().normalize() + " is not running (it writes data/api-url once"
                    + " its API listens); start it with bin/kiln, or name another with --api-url or KILN_API_URL");
        }
        try {
            URI uri = URI.create(url.strip().endsWith("/") ? url.strip() : url.strip() + "/");
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw Client.usage("--api-url must be an http or https URL, not '" + url + "'");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw Client.usage("--api-url is not a URL: " + url);
        }
    }

    /**
     * @return whether there is a Kiln to drive without starting one: an address was given ({@code --api-url},
     *         {@code KILN_API_URL}), or this folder's {@code data/api-url} belongs to its running Kiln
     */
    boolean kilnRunning(Path home, Map<String, String> env) throws ClientException {
        if (apiUrl != null || env.containsKey("KILN_API_URL")) {
            return true;
        }
        ApiUrlFile file = ApiUrlFile.read(settingsFile(home, KilnProperties.API_URL_FILE));
        if (file == null) {
            return false;
        }
        try {
            file.checkOwner(home);
            return true;
        } catch (ClientException notThisFolders) {
            return false;
        }
    }

    String token(Path home, Map<String, String> env) throws ClientException {
        if (token != null) {
            return token;
        }
        Path file = settingsFile(home, KilnProperties.API_TOKEN_FILE);
        try {
            if (file != null && Files.isReadable(file)) {
                return Files.readString(file).strip();
            }
        } catch (IOException e) {
            // unreadable: as if missing
        }
        if (env.containsKey("KILN_TOKEN")) {
            return env.get("KILN_TOKEN");
        }
        throw new ClientException("no API token: " + file + " is missing or unreadable (start Kiln once to make it, or pass --token)");
    }

    /** Where this folder's {@code conf/kiln.properties} says a file is, or {@code null} when it says nothing. */
    static Path settingsFile(Path home, String setting) throws ClientException {
        try {
            String value = KilnProperties.load(home, System.getProperties()).get(setting);
            return value == null ? null : Path.of(value);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new ClientException(e.getMessage());
        }
    }
}
