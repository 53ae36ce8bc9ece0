package io.kiln.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cost of one update as the number of plugins installed grows: a fresh copy with {@code n} small DS plugins, one of
 * which (the first) is updated through {@code POST /api/v1/plugins} again and again, each time to a new version. Timed
 * from send to the whole answer, and as the change's own {@code durationMillis}; the updated plugin has no dependents,
 * so what it costs should not follow {@code n}.
 */
final class UpdateCost {

    private static final Pattern OUTCOME = Pattern.compile("\"outcome\":\"([A-Z_]+)\"");
    private static final Pattern DURATION = Pattern.compile("\"durationMillis\":(\\d+)");
    private static final Duration SETTLE = Duration.ofMillis(700);

    private final Workspace workspace;
    private final ScaleFigures figures;

    UpdateCost(Workspace workspace, ScaleFigures figures) {
        this.workspace = workspace;
        this.figures = figures;
    }

    void run(int n, int trials, String goal) throws IOException, InterruptedException {
        Path home = ScaleLaunch.freshCopyWith(workspace, "update-" + n, n);
        Instance instance = Instance.launch(workspace.product(), home, workspace.log("update-" + n));
        try {
            if (ScaleLaunch.awaitAll(workspace, ScaleLaunch.activeEvents(n), Duration.ofSeconds(180)).isEmpty()) {
                figures.note("update with " + n + " installed: not all plugins were active within 180 s; see " + workspace.log("update-" + n));
                return;
            }
            AdminApi api = AdminApi.await(home, Duration.ofSeconds(30));
            String name = ScaleJars.small(1);
            String series = "one update, " + n + " plugins installed";
            for (int trial = 1; trial <= trials; trial++) {
                // the previous update's file write is seen by FileInstall and found to be the running build: let it pass
                Thread.sleep(SETTLE.toMillis());
                String version = "1.1." + trial;
                byte[] jar = ProbeJar.component(name, version, workspace.output().folder());
                long sent = Micros.now();
                HttpResponse<String> answer = api.postJar(jar);
                long answered = Micros.now();
                String outcome = first(OUTCOME, answer.body());
                if (answer.statusCode() != 200 || !"APPLIED".equals(outcome)) {
                    figures.of(series + ": send → answer", "ms", goal).fail();
                    figures.note(series + ", trial " + trial + ": HTTP " + answer.statusCode() + ", " + outcome + ": " + answer.body());
                    continue;
                }
                figures.of(series + ": send → answer", "ms", goal).add(Micros.toMillis(answered - sent));
                figures.of(series + ": durationMillis", "ms", "").add(Long.parseLong(first(DURATION, answer.body())));
            }
            figures.note(series + ": load average " + ProcFs.loadAverage());
        } finally {
            instance.stop(Duration.ofSeconds(60));
            workspace.discard(home);
        }
    }

    static String first(Pattern pattern, String json) {
        Matcher matcher = pattern.matcher(json);
        return matcher.find() ? matcher.group(1) : "";
    }
}
