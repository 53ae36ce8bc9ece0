package io.kiln.runtime.internal.deploy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class VersionStoreTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private StagedJar staged(String version) throws Exception {
        Path file = TestJars.bundle(temp.getRoot().toPath().resolve("p-" + version + ".jar"), "p", version);
        return StagedJar.stage(file, temp.getRoot().toPath().resolve("staging"));
    }

    @Test
    public void keepsEachContentOnceNewestFirstAndPrunesTheOldest() throws Exception {
        VersionStore store = new VersionStore(temp.newFolder("versions").toPath(), 2);
        StagedJar v1 = staged("1.0.0");
        store.keep(v1);
        store.keep(v1);
        store.keep(staged("1.1.0"));
        store.keep(staged("1.2.0"));
        StagedJar v13 = staged("1.3.0");
        store.keep(v13);
        assertEquals(List.of("1.3.0", "1.2.0", "1.1.0", "1.0.0"), store.kept("p").stream().map(VersionStore.Kept::version).toList());

        store.prune("p", v13.sha256());
        assertEquals(List.of("1.3.0", "1.2.0", "1.1.0"), store.kept("p").stream().map(VersionStore.Kept::version).toList());
        assertTrue(store.bySha("p", v13.sha256()).isPresent());
        assertTrue(store.bySha("p", v1.sha256()).isEmpty());
    }

    @Test
    public void aPluginWithNothingKeptHasAnEmptyList() throws Exception {
        assertTrue(new VersionStore(temp.newFolder("versions").toPath(), 3).kept("none").isEmpty());
    }
}
