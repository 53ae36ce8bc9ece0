package io.kiln.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A fresh copy of Kiln, launched, with its admin API and event stream open; closing it stops Kiln (and keeps the
 * copy's log). For the benchmarks that drive one Kiln through many updates (calls, memory).
 */
final class Running implements AutoCloseable {

    /** After the API answers: the start's own work (the samples' activations, FileInstall's first scans) done. */
    private static final Duration SETTLE = Duration.ofSeconds(5);

    private final Workspace workspace;
    private final Path home;
    private final Instance instance;
    private final AdminApi api;
    private final EventStream events;
    private final Path log;

    private Running(Workspace workspace, Path home, Instance instance, AdminApi api, EventStream events, Path log) {
        this.workspace = workspace;
        this.home = home;
        this.instance = instance;
        this.api = api;
        this.events = events;
        this.log = log;
    }

    /** Changes a fresh copy's {@code hot/} before it starts. */
    interface Preparation {
        void prepare(Path hot) throws IOException;
    }

    static Running start(Workspace workspace, String label) throws IOException, InterruptedException {
        return start(workspace, label, hot -> { });
    }

    static Running start(Workspace workspace, String label, Preparation preparation) throws IOException, InterruptedException {
        Path home = workspace.freshCopy(label);
        preparation.prepare(home.resolve("hot"));
        Path log = workspace.log(label);
        Instance instance = Instance.launch(workspace.product(), home, log);
        try {
            AdminApi api = AdminApi.await(home, Duration.ofSeconds(60));
            Thread.sleep(SETTLE.toMillis());
            return new Running(workspace, home, instance, api, api.events(), log);
        } catch (IOException | RuntimeException e) {
            instance.stop(Duration.ofSeconds(30));
            throw e;
        }
    }

    Path hot() {
        return home.resolve("hot");
    }

    Path log() {
        return log;
    }

    AdminApi api() {
        return api;
    }

    EventStream events() {
        return events;
    }

    long pid() throws IOException, InterruptedException {
        return instance.jvmPid();
    }

    /** @return the JSON of the change event of alpha's update to {@code version} */
    String awaitUpdate(String version, Duration timeout) throws InterruptedException, IOException {
        Optional<EventStream.Event> event = events.await(json -> json.contains("\"plugin\":\"" + ChainJars.ALPHA + "\"")
                && json.contains("\"toVersion\":\"" + version + "\""), timeout);
        if (event.isEmpty()) {
            throw new IOException("no change event for alpha " + version + " within " + timeout.toSeconds() + " s (see " + log + ")");
        }
        return event.get().json();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        events.close();
        instance.stop(Duration.ofSeconds(60));
        workspace.discard(home);
    }
}
