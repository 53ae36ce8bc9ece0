package io.kiln.fleet.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.kiln.files.AtomicFiles;

/**
 * This node's jars of the fleet's releases, by SHA-256 ({@code data/kiln/fleet/blobs/<sha256>.jar}): the ones it
 * published, which the other nodes fetch from it, and the ones it fetched, which it keeps for a rollback and serves
 * in turn. A jar is stored only once its hash and size are checked, and written atomically.
 */
final class BlobStore {

    private final Path folder;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final String repository;

    /** @param repository where jars may also be fetched, by hash ({@code <repository>/<sha256>.jar}); empty for none */
    BlobStore(Path folder, String repository) {
        this.folder = folder;
        this.repository = repository.isEmpty() || repository.endsWith("/") ? repository : repository + "/";
    }

    Optional<Path> find(String sha256) {
        if (!sha256.matches(ReleasePlugin.SHA256)) {
            return Optional.empty();
        }
        Path jar = folder.resolve(sha256 + ".jar");
        return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
    }

    /** Keeps a copy of a jar this node runs, for the release it publishes. */
    ReleasePlugin keep(String name, String version, Path jar) throws IOException {
        byte[] bytes = Files.readAllBytes(jar);
        String sha = sha256(bytes);
        if (find(sha).isEmpty()) {
            AtomicFiles.write(folder.resolve(sha + ".jar"), bytes);
        }
        return new ReleasePlugin(name, version, sha, bytes.length);
    }

    /**
     * The plugin's jar: this node's copy, or fetched from the first of the nodes that holds it and checked. Any node's
     * copy will do, since the hash decides: the publisher may be gone while the canary, which fetched it, serves it.
     *
     * @param sources the admin APIs to ask, in order (the release's publisher first)
     * @throws IOException naming the plugin and what each address answered
     */
    Path fetch(ReleasePlugin plugin, List<String> sources, String secret) throws IOException, InterruptedException {
        Optional<Path> kept = find(plugin.sha256());
        if (kept.isPresent()) {
            return kept.get();
        }
        List<String> failures = new ArrayList<>();
        for (String source : sources) {
            try {
                return fetchFrom(plugin, source, secret);
            } catch (IOException e) {
                failures.add(e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
        if (!repository.isEmpty()) {
            try {
                return fromRepository(plugin);
            } catch (IOException e) {
                failures.add(e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
        throw new IOException(plugin.name() + " " + plugin.version() + ": no node could give its jar (" + plugin.sha256() + "): "
                + (failures.isEmpty() ? "none was asked" : String.join("; ", failures)));
    }

    private Path fromRepository(ReleasePlugin plugin) throws IOException, InterruptedException {
        URI uri = URI.create(repository).resolve(plugin.sha256() + ".jar");
        if ("file".equals(uri.getScheme())) {
            Path file = Path.of(uri);
            if (!Files.isRegularFile(file) || Files.size(file) != plugin.size()) {
                throw new IOException(uri + (Files.isRegularFile(file) ? " holds " + Files.size(file) + " bytes, the release says " + plugin.size()
                        : " is not there"));
            }
            return checked(plugin, uri, Files.readAllBytes(file));
        }
        return fetchFrom(plugin, uri, null);
    }

    private Path fetchFrom(ReleasePlugin plugin, String source, String secret) throws IOException, InterruptedException {
        return fetchFrom(plugin, blobUri(source, plugin.sha256()), secret);
    }

    private Path fetchFrom(ReleasePlugin plugin, URI uri, String secret) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        if (secret != null) {
            builder.header("Authorization", "Bearer " + secret);
        }
        HttpRequest request = builder.build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IOException(uri + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(uri + " answered " + response.statusCode());
            }
            long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (announced > plugin.size()) {
                throw new IOException(uri + " sends " + announced + " bytes, the release says " + plugin.size());
            }
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, plugin.size() + 1));
            if (bytes.length != plugin.size()) {
                throw new IOException(uri + " sent " + (bytes.length > plugin.size() ? "more than " : "") + bytes.length
                        + " bytes, the release says " + plugin.size());
            }
            return checked(plugin, uri, bytes);
        }
    }

    private Path checked(ReleasePlugin plugin, URI uri, byte[] bytes) throws IOException {
        String sha = sha256(bytes);
        if (!sha.equals(plugin.sha256())) {
            throw new IOException("the jar from " + uri + " has SHA-256 " + sha + ", the release says " + plugin.sha256());
        }
        Path jar = folder.resolve(sha + ".jar");
        AtomicFiles.write(jar, bytes);
        return jar;
    }

    /** Only http and https to the address a release names, never a redirect elsewhere (the client follows none). */
    static URI blobUri(String source, String sha256) throws IOException {
        URI base;
        try {
            base = URI.create(source.endsWith("/") ? source : source + "/");
        } catch (IllegalArgumentException e) {
            throw new IOException("the release's source is not an address: '" + source + "'");
        }
        if (!("http".equals(base.getScheme()) || "https".equals(base.getScheme())) || base.getHost() == null) {
            throw new IOException("the release's source must be an http or https address with a host, not '" + source + "'");
        }
        return base.resolve(BlobServlet.PATH.substring(1) + sha256);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
