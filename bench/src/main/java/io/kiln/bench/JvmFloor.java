package io.kiln.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The floor under any launch: spawning this JVM with the distribution's own flags (read from
 * {@code bin/kiln}) and letting it exit at once ({@code -version}).
 */
final class JvmFloor {

    /** A line of bin/kiln's {@code case $KILN_JVM}: {@code   server) defaults="..." ;;} */
    private static final Pattern DEFAULTS = Pattern.compile("(?m)^\\s*(\\w+)\\) defaults=\"([^\"]*)\"");
    /** {@code ${heap:-1g}}: the heap bin/kiln gives when KILN_HEAP is not set. */
    private static final Pattern DEFAULT_VALUE = Pattern.compile("\\$\\{\\w+:-([^}]*)}");

    private JvmFloor() {
    }

    static void run(Path kilnHome, int runs, Results results) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags(kilnHome, "server"));
        command.add("-version");
        for (int i = 0; i < runs; i++) {
            long spawn = Micros.now();
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                results.of(Measure.JVM_FLOOR).fail();
                continue;
            }
            results.of(Measure.JVM_FLOOR).add(Micros.toMillis(Micros.now() - spawn));
        }
        results.note("JVM floor command: " + String.join(" ", command.subList(1, command.size())));
    }

    /**
     * @param kilnJvm bin/kiln's {@code KILN_JVM} ({@code server}, {@code dev})
     * @return the options bin/kiln gives that set, with KILN_HEAP unset
     */
    static List<String> flags(Path kilnHome, String kilnJvm) throws IOException {
        String script = Files.readString(kilnHome.resolve("bin/kiln"), StandardCharsets.UTF_8);
        Matcher matcher = DEFAULTS.matcher(script);
        while (matcher.find()) {
            if (matcher.group(1).equals(kilnJvm)) {
                String options = DEFAULT_VALUE.matcher(matcher.group(2)).replaceAll("$1");
                return Arrays.asList(options.trim().split("\\s+"));
            }
        }
        throw new IOException(kilnHome.resolve("bin/kiln") + " gives no options for KILN_JVM=" + kilnJvm);
    }
}
