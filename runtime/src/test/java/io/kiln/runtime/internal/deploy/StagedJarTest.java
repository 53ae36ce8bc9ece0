package io.kiln.runtime.internal.deploy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Version;

public class StagedJarTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path hot;
    private Path staging;

    @Before
    public void folders() throws Exception {
        hot = temp.newFolder("hot").toPath();
        staging = temp.newFolder("staging").toPath();
    }

    @Test
    public void aBundleIsStagedWithItsNameVersionAndHash() throws Exception {
        Path file = TestJars.bundle(hot.resolve("a.jar"), "com.example.a;singleton:=true", "1.2.3");
        StagedJar jar = StagedJar.stage(file, staging);
        assertEquals("com.example.a", jar.name());
        assertEquals(new Version(1, 2, 3), jar.version());
        assertEquals(io.kiln.runtime.internal.store.Hashes.sha256(Files.readAllBytes(file)), jar.sha256());
        assertTrue(Arrays.equals(Files.readAllBytes(file), Files.readAllBytes(jar.staged())));
        assertEquals("a.jar", jar.fileName());
    }

    @Test
    public void aTornStagedCopyLeftByACrashIsWrittenAgainNotTrusted() throws Exception {
        Path file = TestJars.bundle(hot.resolve("a.jar"), "com.example.a", "1.0.0");
        byte[] bytes = Files.readAllBytes(file);
        String sha256 = io.kiln.runtime.internal.store.Hashes.sha256(bytes);
        // staged copies are scratch, not synced: after a power cut one may be there under its name, but short
        Files.write(staging.resolve(sha256 + ".jar"), Arrays.copyOf(bytes, bytes.length / 3));
        StagedJar jar = StagedJar.stage(file, staging);
        assertTrue(Arrays.equals(bytes, Files.readAllBytes(jar.staged())));
    }

    @Test
    public void aTruncatedJarIsRefusedAsCorrupt() throws Exception {
        Path whole = TestJars.bundle(temp.newFile("whole.jar").toPath(), "com.example.a", "1.0.0");
        byte[] bytes = Files.readAllBytes(whole);
        Path file = Files.write(hot.resolve("a.jar"), Arrays.copyOf(bytes, bytes.length / 2));
        RejectedException e = assertThrows(RejectedException.class, () -> StagedJar.stage(file, staging));
        assertTrue(e.getMessage(), e.getMessage().startsWith("a.jar: not a readable jar (corrupt or truncated)"));
        assertFalse("a refused jar keeps its hash so it is not tried again", e.sha256().isEmpty());
        assertTrue("nothing left in staging", Files.list(staging).findAny().isEmpty());
    }

    @Test
    public void aJarWithoutManifestIsNotABundle() throws Exception {
        Path file = TestJars.zipWithoutManifest(hot.resolve("plain.jar"));
        RejectedException e = assertThrows(RejectedException.class, () -> StagedJar.stage(file, staging));
        assertEquals("plain.jar: not an OSGi bundle: the jar has no META-INF/MANIFEST.MF", e.getMessage());
    }

    @Test
    public void aManifestWithoutSymbolicNameIsNotABundle() throws Exception {
        Path file = TestJars.bundle(hot.resolve("lib.jar"), null, "1.0.0");
        RejectedException e = assertThrows(RejectedException.class, () -> StagedJar.stage(file, staging));
        assertEquals("lib.jar: not an OSGi bundle: the manifest has no Bundle-SymbolicName", e.getMessage());
    }

    @Test
    public void aBadVersionIsNamed() throws Exception {
        Path file = TestJars.bundle(hot.resolve("v.jar"), "com.example.v", "1.x");
        RejectedException e = assertThrows(RejectedException.class, () -> StagedJar.stage(file, staging));
        assertTrue(e.getMessage(), e.getMessage().startsWith("v.jar: Bundle-Version '1.x' is not an OSGi version"));
    }

    @Test
    public void anUnreadableFileIsNamed() {
        RejectedException e = assertThrows(RejectedException.class, () -> StagedJar.stage(hot.resolve("gone.jar"), staging));
        assertTrue(e.getMessage(), e.getMessage().startsWith("gone.jar: cannot read the file"));
    }
}
