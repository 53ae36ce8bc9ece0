package io.kiln.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The root of a 10-deep chain updated ({@link ScaleJars#chainLink}): each update, through {@code POST /api/v1/plugins},
 * refreshes and restarts the 9 links after it. Timed from send to the whole answer and as the change's
 * {@code durationMillis}; each trial checks that the answer names the 9 dependents as restarted, in chain order, and
 * that their components were activated again in that order.
 */
final class ChainUpdate {

    static final int LINKS = 10;
    private static final Pattern RESTARTED = Pattern.compile("\"plugin\":\"(" + Pattern.quote(ScaleJars.CHAIN) + "\\d+)\"[^{}]*\"restarted\":true");
    private static final Duration SETTLE = Duration.ofMillis(700);

    private final Workspace workspace;
    private final ScaleFigures figures;

    ChainUpdate(Workspace workspace, ScaleFigures figures) {
        this.workspace = workspace;
        this.figures = figures;
    }

    void run(int trials) throws IOException, InterruptedException {
        Path home = workspace.freshCopy("chain");
        Path hot = workspace.product().hotFolder(home);
        try (DirectoryStream<Path> shipped = Files.newDirectoryStream(hot, "*.jar")) {
            for (Path jar : shipped) {
                Files.delete(jar);
            }
        }
        for (int i = 0; i < LINKS; i++) {
            workspace.drop().put(hot, ScaleJars.fileOf(ScaleJars.link(i)), ScaleJars.chainLink(i, "1.0.0", workspace.output().folder()));
        }
        Instance instance = Instance.launch(workspace.product(), home, workspace.log("chain"));
        try {
            if (ScaleLaunch.awaitAll(workspace, events("1.0.0", "1.0.0"), Duration.ofSeconds(60)).isEmpty()) {
                figures.note("chain: not every link was active within 60 s; see " + workspace.log("chain"));
                return;
            }
            AdminApi api = AdminApi.await(home, Duration.ofSeconds(30));
            String series = "10-deep chain, root updated";
            for (int trial = 1; trial <= trials; trial++) {
                Thread.sleep(SETTLE.toMillis());
                String version = "1.1." + trial;
                List<String> events = events(version, "1.0.0");
                for (String event : events) {
                    workspace.output().forget(event);
                }
                long sent = Micros.now();
                HttpResponse<String> answer = api.postJar(ScaleJars.chainLink(0, version, workspace.output().folder()));
                long answered = Micros.now();
                List<String> restarted = restarted(answer.body());
                List<String> expected = java.util.stream.IntStream.range(1, LINKS).mapToObj(ScaleJars::link).toList();
                if (answer.statusCode() != 200 || !answer.body().contains("\"outcome\":\"APPLIED\"") || !restarted.equals(expected)) {
                    figures.of(series + ": send → answer", "ms", "").fail();
                    figures.note("chain trial " + trial + ": HTTP " + answer.statusCode() + ", restarted " + restarted + ": " + answer.body());
                    continue;
                }
                List<Long> activated = new ArrayList<>();
                for (String event : events) {
                    OptionalLong at = workspace.output().await(event, Duration.ofSeconds(10));
                    activated.add(at.orElse(Long.MAX_VALUE));
                }
                if (!activated.equals(activated.stream().sorted().toList())) {
                    figures.note("chain trial " + trial + ": the links were not activated in chain order: " + activated);
                }
                figures.of(series + ": send → answer", "ms", "").add(Micros.toMillis(answered - sent));
                figures.of(series + ": durationMillis", "ms", "").add(Long.parseLong(UpdateCost.first(
                        Pattern.compile("\"durationMillis\":(\\d+)"), answer.body())));
            }
            figures.note(series + ": the answer named the 9 dependents restarted, in chain order, in every trial counted; load average "
                    + ProcFs.loadAverage());
        } finally {
            instance.stop(Duration.ofSeconds(60));
            workspace.discard(home);
        }
    }

    /** The activation events of the root at {@code rootVersion} and of the other links at {@code version}, in chain order. */
    private static List<String> events(String rootVersion, String version) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < LINKS; i++) {
            events.add(ScaleJars.link(i) + "-" + (i == 0 ? rootVersion : version) + ".active");
        }
        return events;
    }

    private static List<String> restarted(String json) {
        List<String> names = new ArrayList<>();
        Matcher matcher = RESTARTED.matcher(json);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
