package io.kiln.runtime.internal.state;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class StateStoreTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void stateOutlivesTheStoreObject() throws Exception {
        Path folder = temp.newFolder("state").toPath();
        new StateStore(folder).save("counter", Map.of("count", 7L));
        assertEquals(Map.of("count", 7L), new StateStore(folder).load("counter"));
        assertEquals(Map.of(), new StateStore(folder).load("other"));
    }

    @Test
    public void aRefusedSaveKeepsThePreviousState() throws Exception {
        StateStore store = new StateStore(temp.newFolder("state").toPath());
        store.save("p", Map.of("n", 1));
        assertThrows(IllegalArgumentException.class, () -> store.save("p", Map.of("n", new Object())));
        assertEquals(Map.of("n", 1), store.load("p"));
    }

    @Test
    public void aSnapshotPutsBackWhatWasThere() throws Exception {
        StateStore store = new StateStore(temp.newFolder("state").toPath());
        store.save("p", Map.of("n", 1));
        Optional<byte[]> snapshot = store.snapshot("p");
        store.save("p", Map.of("n", 99));
        store.restore("p", snapshot);
        assertEquals(Map.of("n", 1), store.load("p"));

        Optional<byte[]> none = store.snapshot("fresh");
        store.save("fresh", Map.of("x", "y"));
        store.restore("fresh", none);
        assertEquals(Map.of(), store.load("fresh"));
    }

    @Test
    public void aDamagedStateFileReadsAsEmpty() throws Exception {
        Path folder = temp.newFolder("state").toPath();
        Files.write(folder.resolve("p.state"), new byte[] { 1, 2, 3 });
        assertTrue(new StateStore(folder).load("p").isEmpty());
    }
}
