package io.kiln.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What dev mode does on a save, driven by the harness without dev mode's debounce (Kiln only; part of
 * {@link DevLoopBench}, on its copy): a project folder outside {@code hot/} holding the probe's sources, its component
 * saved, then {@code POST /api/v1/builds} sent at once; timed until the new build's record. The answer's own times
 * (compile, package, reload) and the round trip are kept beside it.
 */
final class BuildsEndpointBench {

    private static final String PLUGIN = "kiln-bench-api";
    private static final Pattern COMPILE = Pattern.compile("\"compileMillis\":(\\d+)");
    private static final Pattern PACKAGE = Pattern.compile("\"packageMillis\":(\\d+)");
    private static final Pattern RELOAD = Pattern.compile("\"reloadMillis\":(\\d+)");

    private final Workspace workspace;
    private final Product product;
    private final Results results;
    private final Trials series;
    private final int warmups;

    /** @param warmups untimed builds after the first: the project's class path is opened once, on its first build */
    BuildsEndpointBench(Workspace workspace, Results results, Trials series, int warmups) {
        this.workspace = workspace;
        this.product = workspace.product();
        this.results = results;
        this.series = series;
        this.warmups = warmups;
    }

    void run(AdminApi api, Path home, int trials) throws IOException, InterruptedException {
        DevProbeSource source = new DevProbeSource(PLUGIN, workspace.output().folder());
        Path project = workspace.scratch("dev-loop-project");
        source.writeAll(project, "api-0");
        String request = request(project, jarsIn(home.resolve("lib/compile-only")));
        HttpResponse<String> first = api.postJson("api/v1/builds", request);
        if (first.statusCode() != 201) {
            throw new IOException("POST /api/v1/builds of the first build answered " + first.statusCode() + ": " + first.body());
        }
        series.awaitSetup("api-0.active");
        for (int i = 1; i <= warmups + trials; i++) {
            String stamp = "api-" + i;
            series.pause();
            long changed = workspace.drop().save(project.resolve(source.componentFile), source.component(stamp));
            long sent = Micros.now();
            HttpResponse<String> answer = api.postJson("api/v1/builds", request);
            long answered = Micros.now();
            OptionalLong seen = workspace.output().await(stamp + ".active", product.eventTimeout());
            if (i <= warmups) {
                continue;
            }
            series.record(Measure.DEV_SAVE_API, seen.isPresent() ? Optional.of(seen.getAsLong()) : Optional.empty(), changed,
                    stamp + ".active");
            String body = answer.body();
            if (answer.statusCode() != 200 || !body.contains("\"outcome\":\"APPLIED\"")) {
                results.note(Measure.DEV_SAVE_API + ", trial " + (i - warmups) + ": HTTP " + answer.statusCode() + ": " + body);
                continue;
            }
            results.of(Measure.DEV_SAVE_API_COMPILE).add(DevLoopBench.first(COMPILE, body));
            results.of(Measure.DEV_SAVE_API_PACKAGE).add(DevLoopBench.first(PACKAGE, body));
            results.of(Measure.DEV_SAVE_API_RELOAD).add(DevLoopBench.first(RELOAD, body));
            results.of(Measure.DEV_SAVE_API_ROUND_TRIP).add(Micros.toMillis(answered - sent));
        }
    }

    /** The request dev mode sends: the project, the class path it compiles against, the name and version. */
    private static String request(Path project, List<Path> classPath) {
        return "{\"project\":" + json(project.toString()) + ",\"classpath\":["
                + classPath.stream().map(p -> json(p.toString())).collect(Collectors.joining(",")) + "],\"symbolicName\":"
                + json(PLUGIN) + ",\"version\":\"1.0.0\"}";
    }

    private static List<Path> jarsIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
