package io.kiln.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * reload-all of 50 plugins (Kiln only): a fresh copy whose hot/ holds only 50 small DS-component plugins (the
 * shipped samples are taken out of that copy, so the count is exact), launched, and then
 * {@code POST /api/v1/plugins/reload-all} sent a number of times, timed from send to the whole answer. The answer
 * must count 50 successes and no failure; the sum of its per-plugin {@code durationMillis} is kept too.
 */
final class ReloadAllBench {

    static final int PLUGINS = 50;
    private static final Pattern SUCCEEDED = Pattern.compile("\"succeeded\":(\\d+)");
    private static final Pattern FAILED = Pattern.compile("\"failed\":(\\d+)");
    private static final Pattern DURATION = Pattern.compile("\"durationMillis\":(\\d+)");

    private final Workspace workspace;
    private final Product product;
    private final Results results;

    ReloadAllBench(Workspace workspace, Results results) {
        this.workspace = workspace;
        this.product = workspace.product();
        this.results = results;
    }

    void run(int trials) throws IOException, InterruptedException {
        Path home = workspace.freshCopy("reload-all");
        Path hot = product.hotFolder(home);
        try (DirectoryStream<Path> shipped = Files.newDirectoryStream(hot, "*.jar")) {
            for (Path jar : shipped) {
                Files.delete(jar);
            }
        }
        for (int i = 1; i <= PLUGINS; i++) {
            workspace.drop().put(hot, "kiln-bench-component-" + i + ".jar",
                    ProbeJar.component(name(i), "1.0.0", workspace.output().folder()));
        }
        Instance instance = Instance.launch(product, home, workspace.log("reload-all"));
        try {
            awaitActive(product.eventTimeout().multipliedBy(4));
            AdminApi api = AdminApi.await(home, Duration.ofSeconds(30));
            System.out.printf("  [%s] reload-all of %d plugins, %d times%n", product.name(), PLUGINS, trials);
            for (int trial = 1; trial <= trials; trial++) {
                Thread.sleep(1000); // let the last reload settle
                for (int i = 1; i <= PLUGINS; i++) {
                    workspace.output().forget(name(i) + "-1.0.0.active");
                }
                long sent = Micros.now();
                HttpResponse<String> answer = api.post("api/v1/plugins/reload-all");
                long answered = Micros.now();
                int succeeded = first(SUCCEEDED, answer.body());
                int failed = first(FAILED, answer.body());
                if (answer.statusCode() != 200 || succeeded != PLUGINS || failed != 0) {
                    results.of(Measure.RELOAD_ALL).fail();
                    results.note("reload-all trial " + trial + ": HTTP " + answer.statusCode() + ", " + succeeded
                            + " succeeded, " + failed + " failed (expected " + PLUGINS + " and 0)");
                    continue;
                }
                results.of(Measure.RELOAD_ALL).add(Micros.toMillis(answered - sent));
                results.of(Measure.RELOAD_ALL_SERVER).add(sum(DURATION, answer.body()));
            }
            // every component was deactivated and activated again by the reloads
            awaitActive(product.eventTimeout());
        } finally {
            instance.stop(Duration.ofSeconds(60));
            workspace.discard(home);
        }
    }

    private void awaitActive(Duration timeout) throws IOException, InterruptedException {
        for (int i = 1; i <= PLUGINS; i++) {
            if (workspace.output().await(name(i) + "-1.0.0.active", timeout).isEmpty()) {
                throw new IOException("reload-all: the component of " + name(i) + " was not active within "
                        + timeout.toSeconds() + " s; see " + workspace.log("reload-all"));
            }
        }
    }

    private static String name(int i) {
        return "kiln.bench.component" + i;
    }

    private static int first(Pattern pattern, String json) {
        Matcher matcher = pattern.matcher(json);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    private static long sum(Pattern pattern, String json) {
        long total = 0;
        Matcher matcher = pattern.matcher(json);
        while (matcher.find()) {
            total += Long.parseLong(matcher.group(1));
        }
        return total;
    }
}
