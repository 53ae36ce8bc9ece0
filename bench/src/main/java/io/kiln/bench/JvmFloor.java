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

    private static final Pattern DEFAULTS = Pattern.compile("(?m)^defaults=\"([^\"]*)\"");

    private JvmFloor() {
    }

    static void run(Path kilnHome, int runs, Results results) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags(kilnHome));
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

    static List<String> flags(Path kilnHome) throws IOException {
        String script = Files.readString(kilnHome.resolve("bin/kiln"), StandardCharsets.UTF_8);
        Matcher matcher = DEFAULTS.matcher(script);
        return matcher.find() ? Arrays.asList(matcher.group(1).trim().split("\\s+")) : List.of();
    }
}
