package io.kiln.bench;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a Kiln copy must come back to after a crash during one change, checked on the restarted copy: every plugin
 * present once and ACTIVE, the changed one in its previous version or its new one (and then, its file in {@code hot/}
 * being the new one, the new one), its state the one saved before or during the change and intact, the section's
 * {@code .cfg} whole and holding the old value or the new one (and applied), the history readable with no damaged
 * entry, and the status saying what was recovered.
 */
final class CrashCheck {

    /** The probe's line as it starts: its version and the version whose state it found. */
    private static final Pattern PROBE_LINE = Pattern.compile(CrashCycles.PROBE + " (\\S+) active, state: (.*)");

    /**
     * What Kiln holds between cycles.
     *
     * @param plugins    every plugin's name, sorted
     * @param probe      the probe's running version is {@code 1.0.<probe>}
     * @param build      the build of that version that runs ({@code b<cycle>}), or empty for the version's first
     * @param probeState the label ({@link #label()}) whose state the probe's state file holds, or {@code none}
     * @param text       the section's {@code text}
     */
    record Expected(List<String> plugins, int probe, String build, String probeState, String text) {

        /** @return the running probe's version */
        String version() {
            return "1.0." + probe;
        }

        /** @return what the running probe calls itself in its line: its version, and {@code +<build>} */
        String label() {
            return version() + (build.isEmpty() ? "" : "+" + build);
        }

        /** @return what Kiln holds once the change of {@code kind} made in cycle {@code cycle} is through */
        Expected changed(CrashCycles.Kind kind, int cycle) {
            return kind == CrashCycles.Kind.PLUGIN ? new Expected(plugins, probe + 1, "", label(), text)
                    : new Expected(plugins, probe, "b" + cycle, label(), text);
        }
    }

    /**
     * What a restart found.
     *
     * @param cameBack  {@code old} or {@code new}: the changed plugin's version, or the section's value, right after
     *                  the restart
     * @param recovered the status's lines of what Kiln put right as it started
     * @param tornEntry whether Kiln dropped a torn last history entry as it read its journal
     * @param tempFiles temporary files a crash left beside their targets ({@code .<name>.<random>.tmp})
     * @param problems  what is not as promised; empty when all is
     */
    record Result(Expected after, String cameBack, List<String> recovered, boolean tornEntry, int tempFiles, List<String> problems) {
    }

    private final Path home;
    private final CrashKiln kiln;
    private final Expected before;
    private final CrashCycles.Kind kind;
    private final int cycle;
    private final String newText;
    private final List<String> problems = new ArrayList<>();

    /**
     * @param cycle   the number of the cycle that made the change
     * @param newText the section's value the change set (for a {@link CrashCycles.Kind#SECTION} change)
     */
    CrashCheck(Path home, CrashKiln kiln, Expected before, CrashCycles.Kind kind, int cycle, String newText) {
        this.home = home;
        this.kiln = kiln;
        this.before = before;
        this.kind = kind;
        this.cycle = cycle;
        this.newText = newText;
    }

    Result check() throws IOException, InterruptedException {
        CrashApi api = new CrashApi(CrashCycles.awaitStart(kiln, home));
        Expected after;
        String cameBack;
        if (kind == CrashCycles.Kind.SECTION) {
            String text = checkSection();
            cameBack = text.equals(before.text()) ? "old" : "new";
            after = new Expected(before.plugins(), before.probe(), before.build(), before.probeState(), text);
        } else {
            after = before.changed(kind, cycle);
            cameBack = checkPlugin(after);
        }
        String probeVersion = after.version();
        List<CrashApi.Plugin> plugins = awaitAllActive(api);
        List<String> names = plugins.stream().map(CrashApi.Plugin::name).sorted().toList();
        if (!names.equals(before.plugins())) {
            problems.add("plugins " + names + ", expected " + before.plugins() + " (each once)");
        }
        plugins.stream().filter(p -> !p.state().equals("ACTIVE")).forEach(p -> problems.add(p.name() + " is " + p.state()));
        plugins.stream().filter(p -> p.name().equals(CrashCycles.PROBE) && !p.version().equals(probeVersion))
                .forEach(p -> problems.add(CrashCycles.PROBE + " runs " + p.version() + ", expected " + probeVersion));
        if (api.historyEntries() == 0) {
            problems.add("the history is empty");
        }
        List<String> lines = kiln.lines();
        lines.stream().filter(l -> l.contains("damaged history entry")).forEach(l -> problems.add("history: " + l));
        boolean torn = lines.stream().anyMatch(l -> l.contains("dropped a torn last history entry"));
        List<String> recovered = api.recovered();
        recovered.stream().filter(r -> before.plugins().stream().noneMatch(name -> r.startsWith(name + ": ")))
                .forEach(r -> problems.add("a recovery that names no plugin: " + r));
        return new Result(after, cameBack, recovered, torn, tempFiles(), List.copyOf(problems));
    }

    /**
     * The probe's first start after the restart shows its version or build (old or new) and the state it found (before
     * the change, or saved by the old build as it stopped); then, its file in {@code hot/} being the new build, Kiln
     * finishes the change: the new build starts with the old build's state.
     */
    private String checkPlugin(Expected after) throws IOException, InterruptedException {
        String oldVersion = before.label();
        String newVersion = after.label();
        Optional<Integer> line = kiln.awaitLine(0, l -> PROBE_LINE.matcher(l).find(), CrashCycles.START);
        if (line.isEmpty()) {
            problems.add(CrashCycles.PROBE + " did not start after the restart");
            return "?";
        }
        int first = line.get();
        Matcher m = PROBE_LINE.matcher(kiln.lines().get(first));
        if (!m.find()) {
            problems.add("the probe's first line: " + kiln.lines().get(first));
            return "?";
        }
        String version = m.group(1);
        String state = m.group(2);
        Set<String> states = version.equals(oldVersion) ? Set.of(before.probeState(), oldVersion) : Set.of(oldVersion);
        if (!Set.of(oldVersion, newVersion).contains(version)) {
            problems.add(CrashCycles.PROBE + " came back as " + version + ", neither " + oldVersion + " nor " + newVersion);
        } else if (!states.contains(state)) {
            problems.add(CrashCycles.PROBE + " " + version + " came back with state '" + state + "', expected one of " + states);
        }
        String finished = CrashCycles.PROBE + " " + newVersion + " active, state: " + oldVersion;
        Optional<Integer> started = kiln.awaitLine(first, l -> l.contains(finished), CrashCycles.START);
        if (started.isEmpty()) {
            problems.add("no '" + finished + "' after the restart");
        } else if (version.equals(oldVersion)) {
            // the change made again: its transaction's last line comes after its last write
            Pattern committed = CrashCycles.committedLine(before, after);
            if (kiln.awaitLine(started.get(), committed.asPredicate(), CrashCycles.START).isEmpty()) {
                problems.add("no '" + committed + "' after the restart");
            }
        }
        return version.equals(oldVersion) ? "old" : "new";
    }

    /** The section's file is whole and holds the old value or the new one, nothing else changed, and that value applies. */
    private String checkSection() throws IOException, InterruptedException {
        String text;
        try {
            text = sectionText(home);
        } catch (IOException e) {
            problems.add(e.getMessage());
            return "?";
        }
        if (!text.equals(before.text()) && !text.equals(newText)) {
            problems.add(CrashCycles.PID + ".cfg holds text=" + text + ", neither the old value '" + before.text()
                    + "' nor the new one '" + newText + "'");
        }
        String applied = "section " + CrashCycles.PID + " applied: text=" + text;
        if (kiln.awaitLine(0, l -> l.contains(applied), CrashCycles.START).isEmpty()) {
            problems.add("no '" + applied + "' after the restart");
        }
        return text;
    }

    /** @return the section's {@code text}, read from its {@code .cfg} */
    static String sectionText(Path home) throws IOException {
        Path file = home.resolve("conf/" + CrashCycles.PID + ".cfg");
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Files.readString(file)));
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + ": unreadable: " + e.getMessage(), e);
        }
        return Optional.ofNullable(properties.getProperty("text"))
                .orElseThrow(() -> new IOException(file + ": no 'text' in " + properties));
    }

    /** @return the plugins once all are ACTIVE, or as they are after {@link CrashCycles#START} */
    static List<CrashApi.Plugin> awaitAllActive(CrashApi api) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + CrashCycles.START.toNanos();
        while (true) {
            List<CrashApi.Plugin> plugins = api.plugins();
            if (System.nanoTime() > deadline || (!plugins.isEmpty() && plugins.stream().allMatch(p -> p.state().equals("ACTIVE")))) {
                return plugins;
            }
            Thread.sleep(Duration.ofMillis(50).toMillis()); // asking another process: no event to wait on
        }
    }

    private int tempFiles() throws IOException {
        int count = 0;
        for (Path folder : List.of(home.resolve("conf"), home.resolve("data/kiln"), home.resolve("hot"))) {
            try (Stream<Path> files = Files.walk(folder)) {
                count += (int) files.filter(f -> f.getFileName().toString().startsWith(".") && f.getFileName().toString().endsWith(".tmp")).count();
            }
        }
        return count;
    }
}
