package io.kiln.bench.api;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The HTTP admin API's benchmark, apart from the main harness: {@code POST .../reload} round trips, then a bounded
 * open-loop load of {@code GET /api/v1/plugins} on loopback while a plugin is reloaded every second.
 *
 * <pre>
 * java -cp bench/target/kiln-bench.jar io.kiln.bench.api.ApiBench [--kiln launcher/target/kiln] [--reloads 300]
 *      [--rate 1000] [--seconds 30] [--warmup-seconds 5] [--out bench/target/api-bench.md]
 * </pre>
 *
 * It starts its own copy of the distribution on a free port of 127.0.0.1 and sends traffic nowhere else. Every
 * loop is bounded in count and time (at most 5,000 requests a second for at most 300 s), and it stops by itself.
 */
public final class ApiBench {

    private static final int MAX_RATE = 5000;
    private static final int MAX_SECONDS = 300;

    private ApiBench() {
    }

    public static void main(String[] args) throws Exception {
        Path kiln = Path.of(option(args, "--kiln", "launcher/target/kiln"));
        int reloads = Integer.parseInt(option(args, "--reloads", "300"));
        int rate = Math.min(MAX_RATE, Integer.parseInt(option(args, "--rate", "1000")));
        int seconds = Math.min(MAX_SECONDS, Integer.parseInt(option(args, "--seconds", "30")));
        int warmup = Math.min(MAX_SECONDS, Integer.parseInt(option(args, "--warmup-seconds", "5")));
        Path out = Path.of(option(args, "--out", "bench/target/api-bench.md"));
        Path home = copy(kiln, Path.of("bench/target/api-bench/kiln"));
        int port = freePort();
        Path properties = home.resolve("conf/kiln.properties");
        Files.writeString(properties, Files.readString(properties).replaceAll("(?m)^org\\.osgi\\.service\\.http\\.port = .*$",
                "org.osgi.service.http.port = " + port));
        Process process = new ProcessBuilder(home.resolve("bin/kiln").toString(), "--headless")
                .redirectOutput(home.resolve("kiln.log").toFile()).redirectErrorStream(true).start();
        try {
            Api api = Api.await(home, Duration.ofSeconds(60));
            if (!InetAddress.getByName(api.base().getHost()).isLoopbackAddress()) {
                throw new IllegalStateException("refusing to load " + api.base() + ": not loopback");
            }
            StringBuilder report = new StringBuilder();
            String loadBefore = loadAverage();
            report.append("Measured ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                    .append(" cores, Java ").append(System.getProperty("java.version")).append("; Kiln as shipped (bin/kiln, its JVM options).\n\n");
            report.append(RoundTrips.run(api, "kiln-sample-greeting", false, reloads));
            report.append(RoundTrips.run(api, "kiln-sample-chain-alpha", true, Math.max(1, reloads / 3)));
            report.append(Load.run(api, rate, warmup, seconds, "kiln-sample-chain-alpha"));
            report.append("- load average (1, 5, 15 min) before: ").append(loadBefore).append("; after: ").append(loadAverage())
                    .append(" (this run's own two JVMs add about 2; more means something else was running)\n");
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
            System.out.println(report);
            System.out.println("written to " + out);
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A fresh copy of the distribution, without the source's data. */
    private static Path copy(Path source, Path target) throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> old = Files.walk(target)) {
                for (Path p : (Iterable<Path>) old.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = source.relativize(file);
                if (relative.startsWith("data") && relative.getNameCount() > 1 && !relative.toString().equals("data/README.md")) {
                    continue;
                }
                Path to = target.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return target;
    }

    /** The API of the started Kiln: its address and token, read from its data folder. */
    record Api(URI base, String token, HttpClient http) {

        static Api await(Path home, Duration timeout) throws IOException, InterruptedException {
            Instant deadline = Instant.now().plus(timeout);
            Path url = home.resolve("data/api-url");
            Path token = home.resolve("data/api-token");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            while (Instant.now().isBefore(deadline)) {
                if (Files.exists(url) && Files.exists(token)) {
                    Api api = new Api(URI.create(Files.readAllLines(url).get(0).strip()), Files.readString(token).strip(), http);
                    try {
                        // ready once the start-up has processed hot/: every sample plugin is there
                        HttpResponse<String> plugins = api.send(api.get("api/v1/plugins"));
                        if (plugins.statusCode() == 200 && plugins.body().contains("\"kiln-sample-chain-charlie\"")
                                && plugins.body().contains("\"kiln-sample-greeting\"")) {
                            return api;
                        }
                    } catch (IOException notYet) {
                        // Jetty is still starting
                    }
                }
                Thread.sleep(100); // a start-up poll in a benchmark driver, not a test
            }
            throw new IllegalStateException("Kiln's API did not come up within " + timeout + "; see " + home.resolve("kiln.log"));
        }

        HttpRequest get(String path) {
            return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build();
        }

        HttpRequest post(String path) {
            return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
        }

        HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Percentiles of a list of durations in microseconds. */
    static String percentiles(List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        sorted.sort(null);
        return String.format("median %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (n = %d)", at(sorted, 0.5), at(sorted, 0.9),
                at(sorted, 0.99), sorted.get(sorted.size() - 1) / 1000.0, sorted.size());
    }

    static double at(List<Long> sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1000.0;
    }
}
