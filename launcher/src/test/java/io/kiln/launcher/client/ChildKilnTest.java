package io.kiln.launcher.client;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** What dev mode's Kiln is started with, seen by a stand-in {@code bin/kiln} that writes down its environment. */
public class ChildKilnTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private String startedWith(Map<String, String> env) throws Exception {
        Path home = temp.newFolder().toPath();
        Path script = Files.createDirectories(home.resolve("bin")).resolve("kiln");
        Files.writeString(script, "#!/bin/sh\necho \"$KILN_JVM|$KILN_JAVA_OPTS\" > \"$(dirname \"$0\")/seen\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        ChildKiln child = ChildKiln.start(home, env, null);
        child.onExit().get(30, TimeUnit.SECONDS);
        return Files.readString(home.resolve("bin/seen")).strip();
    }

    @Test
    public void devModesKilnGetsTheQuickStartJvmOptions() throws Exception {
        assertEquals("dev|" + ChildKiln.WARM_UP + " -Dkiln.stopWithProcess=" + ProcessHandle.current().pid(), startedWith(Map.of("PATH", System.getenv("PATH"))));
    }

    @Test
    public void aJvmChosenByTheUserIsKept() throws Exception {
        assertEquals("server|-Xss2m " + ChildKiln.WARM_UP + " -Dkiln.stopWithProcess=" + ProcessHandle.current().pid(),
                startedWith(Map.of("PATH", System.getenv("PATH"), "KILN_JVM", "server", "KILN_JAVA_OPTS", "-Xss2m")));
    }
}
