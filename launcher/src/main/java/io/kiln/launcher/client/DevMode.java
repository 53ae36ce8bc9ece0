package io.kiln.launcher.client;

import java.io.PrintStream;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The loop of {@code kiln dev}: the first build, then one build per burst of changes, each printed as
 * {@link DevLines} says; a changed {@code pom.xml} is read again (name, version, and the class path from Maven)
 * before its build. With {@code --tests}, each good reload starts the unit tests. Runs until the watcher is closed.
 */
final class DevMode {

    private final Maven maven;
    private final Builds builds;
    private final SourceWatcher watcher;
    private final Debounce debounce;
    private final TestRuns tests;
    private final PrintStream out;
    private final long startedMillis;
    private DevProject project;
    private List<String> classpath;
    private boolean wasLive;

    /** @param tests {@code null} without {@code --tests}; @param startedMillis when kiln dev started (epoch millis) */
    DevMode(DevProject project, List<String> classpath, Maven maven, Builds builds, SourceWatcher watcher, Debounce debounce, TestRuns tests,
            PrintStream out, long startedMillis) {
        this.project = project;
        this.classpath = classpath;
        this.maven = maven;
        this.builds = builds;
        this.watcher = watcher;
        this.debounce = debounce;
        this.tests = tests;
        this.out = out;
        this.startedMillis = startedMillis;
    }

    /** @throws ClientException when the first build cannot even be asked for (no build endpoint, a refused request) */
    void run() throws ClientException, InterruptedException {
        build(List.of(), builds.build(project, classpath));
        for (;;) {
            Set<Path> changed;
            try {
                changed = debounce.next(watcher);
            } catch (ClosedWatchServiceException stopped) {
                return;
            }
            if (tests != null) {
                tests.cancel();
            }
            if (changed.contains(project.pom())) {
                out.println(DevLines.TIME_OF_DAY.format(LocalTime.now()) + " pom.xml changed: reading it and its class path again");
                readPomAgain();
            }
            try {
                build(changed, builds.build(project, classpath));
            } catch (ClientException e) {
                out.println(DevLines.TIME_OF_DAY.format(LocalTime.now()) + " " + DevLines.names(changed) + " → " + e.getMessage());
            }
        }
    }

    private void build(Collection<Path> changed, BuildResult result) {
        List<String> lines = DevLines.build(LocalTime.now(), changed, result);
        synchronized (out) {
            lines.forEach(out::println);
            if (result.live() && !wasLive) {
                out.println(DevLines.firstLive(System.currentTimeMillis() - startedMillis));
            }
            out.flush();
        }
        wasLive |= result.live();
        if (tests != null && (result.outcome().equals("APPLIED") || result.live() && changed.isEmpty())) {
            tests.start();
        }
    }

    private void readPomAgain() throws InterruptedException {
        try {
            DevProject again = DevProject.read(project.dir());
            if (!again.symbolicName().equals(project.symbolicName()) || !again.version().equals(project.version())) {
                out.println("pom.xml changed: now " + again.symbolicName() + " " + again.version() + " (was " + project.symbolicName() + " "
                        + project.version() + ")");
            }
            project = again;
            if (maven == null) {
                out.println("a pom.xml appeared: restart kiln dev to compile against its class path");
                return;
            }
            classpath = CompileClasspath.read(project, maven, out);
        } catch (ClientException e) {
            out.println(e.getMessage() + "; building with the pom as it was read before");
        }
    }
}
