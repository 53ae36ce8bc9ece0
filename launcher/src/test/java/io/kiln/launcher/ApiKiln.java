package io.kiln.launcher;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A fresh copy of the distribution, running through its real {@code bin/kiln} with the admin API on a free
 * loopback port, and a small HTTP client for it.
 */
final class ApiKiln implements AutoCloseable {

    static final Path DISTRIBUTION = DistributionCopy.BUILT;

    final Path home;
    final RunningKiln process;
    final URI url;
    final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiKiln(Path home, RunningKiln process, URI url, String token) {
        this.home = home;
        this.process = process;
        this.url = url;
        this.token = token;
    }

    /**
     * Copies the distribution into {@code folder} (without its data), writes the given files into it (relative
     * path to content), and starts it.
     */
    static ApiKiln start(Path folder, Map<String, String> files) throws IOException {
        Path home = DistributionCopy.fresh(folder);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(home.resolve(file.getKey()), file.getValue());
        }
        return restart(home);
    }

    /** Starts the Kiln in {@code home} again, as it was left (its data kept), and waits for its API. */
    static ApiKiln restart(Path home) throws IOException {
        Files.deleteIfExists(home.resolve("data/api-url")); // the one of the last run, if it was killed
        RunningKiln process = RunningKiln.start(home); // the API on any free port: data/api-url says which
        process.awaitLine("Kiln ready in ");
        await("the API's address and token in data/").atMost(Duration.ofSeconds(30))
                .until(() -> Files.exists(home.resolve("data/api-url")) && Files.exists(home.resolve("data/api-token")));
        URI url = URI.create(Files.readAllLines(home.resolve("data/api-url")).get(0).strip()); // then the owner: pid=, home=
        ApiKiln kiln = new ApiKiln(home, process, url, Files.readString(home.resolve("data/api-token")).strip());
        await("the API answering").atMost(Duration.ofSeconds(30)).until(() -> kiln.get("/api/v1/status").statusCode() == 200);
        return kiln;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    HttpResponse<java.io.InputStream> sendStreaming(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url.resolve(path)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    HttpResponse<String> post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> delete(String path) {
        return send(request(path).DELETE());
    }

    HttpResponse<String> postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> postJar(String path, byte[] jar) {
        return send(request(path).header("Content-Type", "application/java-archive").POST(HttpRequest.BodyPublishers.ofByteArray(jar)));
    }

    /** A minimal plugin jar: a bundle with no code, which starts and stays ACTIVE; the same arguments give the same bytes. */
    static byte[] pluginJar(String name, String version) throws IOException {
        return TestJars.jar(TestJars.bundle(name, version),
                Map.of("readme.txt", ("plugin " + name + " " + version).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * A plugin whose activator, {@code activatorSource} (class {@code itest.Activator}), is compiled here against this
     * JVM's class path (the framework, the Felix Health Check API); it imports {@code imports}.
     */
    static byte[] pluginJarWithActivator(String name, String activatorSource, String imports) throws IOException {
        Map<String, String> headers = TestJars.bundle(name, "1.0.0");
        headers.put("Bundle-Activator", "itest.Activator");
        headers.put("Import-Package", imports);
        return TestJars.jar(headers, TestJars.compile(Map.of("itest.Activator", activatorSource)));
    }

    /** Runs {@code bin/kiln ARGS} of this distribution as a client; @return its exit code and output */
    ClientRun client(String... args) throws IOException, InterruptedException {
        return client(home, args);
    }

    /** Runs {@code bin/kiln ARGS} of the distribution in {@code home} as a client; @return its exit code and output */
    static ClientRun client(Path home, String... args) throws IOException, InterruptedException {
        return client(home, new java.io.File("/dev/null"), args);
    }

    /** Runs {@code bin/kiln ARGS} of this distribution with {@code input} as what it reads; @return how it ended */
    ClientRun clientReading(String input, String... args) throws IOException, InterruptedException {
        Path file = java.nio.file.Files.createTempFile(home, "client-input", ".txt");
        java.nio.file.Files.writeString(file, input);
        return client(home, file.toFile(), args);
    }

    private static ClientRun client(Path home, java.io.File input, String... args) throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(home.resolve("bin/kiln").toString()));
        command.addAll(java.util.List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(input));
        builder.environment().remove("KILN_JAVA_OPTS");
        Process p = builder.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/kiln " + String.join(" ", args) + " did not end");
        }
        return new ClientRun(p.exitValue(), new String(out, java.nio.charset.StandardCharsets.UTF_8), new String(err, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** What one {@code bin/kiln COMMAND} printed, and how it ended. */
    record ClientRun(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    @Override
    public void close() throws Exception {
        process.signal("TERM");
        process.awaitExit();
        process.close();
    }
}
