package io.kiln.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The hook halts a real JVM at each step in turn, and every file is then as it was or as it was meant to be. */
public class CrashPointsTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    /** What the child JVM does: replaces {@code a.txt} with "new", appends "+" to {@code log}, deletes {@code gone}. */
    public static final class Writes {
        public static void main(String[] args) throws IOException {
            Path folder = Path.of(args[0]);
            AtomicFiles.write(folder.resolve("a.txt"), "new".getBytes(UTF_8));
            AtomicFiles.append(folder.resolve("log"), "+".getBytes(UTF_8));
            AtomicFiles.delete(folder.resolve("gone"));
            System.out.println("done");
        }
    }

    @Test
    public void haltsAfterEachStepInTurnAndEachFileIsOldOrNew() throws Exception {
        List<String> halted = new ArrayList<>();
        for (int step = 1; ; step++) {
            Path folder = temp.newFolder("run" + step).toPath();
            Files.writeString(folder.resolve("a.txt"), "old");
            Files.writeString(folder.resolve("log"), "x");
            Files.writeString(folder.resolve("gone"), "");
            Run run = run(folder, "-D" + CrashPoints.PROPERTY + "=" + step);
            assertTrue(Set.of("old", "new").contains(Files.readString(folder.resolve("a.txt"))));
            assertTrue(Set.of("x", "x+").contains(Files.readString(folder.resolve("log"))));
            if (run.exit == 0) {
                assertEquals(run.err, "done\n", run.out);
                assertTrue(Files.notExists(folder.resolve("gone")));
                break;
            }
            assertEquals(run.err, CrashPoints.EXIT_CODE, run.exit);
            assertTrue(run.err, run.err.startsWith(CrashPoints.PROPERTY + ": halting after write step " + step + " ("));
            halted.add(run.err.strip());
        }
        // a.txt: written, synced, renamed, folder synced; log: appended, synced; gone: deleted, folder synced
        assertEquals(halted.toString(), 8, halted.size());
    }

    @Test
    public void countsOnlyTheStepsMadeWhileItsFileExists() throws Exception {
        Path folder = temp.getRoot().toPath();
        Files.writeString(folder.resolve("a.txt"), "old");
        Path armed = folder.resolve("armed");
        Run off = run(folder, "-D" + CrashPoints.PROPERTY + "=1", "-D" + CrashPoints.ARMED_BY + "=" + armed);
        assertEquals(off.err, 0, off.exit);
        Files.writeString(armed, "");
        Run on = run(folder, "-D" + CrashPoints.PROPERTY + "=1", "-D" + CrashPoints.ARMED_BY + "=" + armed);
        assertEquals(on.err, CrashPoints.EXIT_CODE, on.exit);
        assertTrue(on.err, on.err.contains("(wrote the temporary file " + folder + "/.a.txt."));
    }

    @Test
    public void unsetItIsOff() throws Exception {
        Run run = run(temp.getRoot().toPath());
        assertEquals(run.err, 0, run.exit);
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(Path folder, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(options));
        command.addAll(List.of(Writes.class.getName(), folder.toString()));
        Process process = new ProcessBuilder(command).start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertTrue("the child JVM ended", process.waitFor(60, TimeUnit.SECONDS));
        return new Run(process.exitValue(), new String(out, UTF_8), new String(err, UTF_8));
    }
}
