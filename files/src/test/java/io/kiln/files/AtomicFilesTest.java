package io.kiln.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AtomicFilesTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void writesANewFileAndReplacesItLeavingNoTemporaryFile() throws Exception {
        Path file = temp.getRoot().toPath().resolve("sub/folder/records.properties");
        AtomicFiles.write(file, "one".getBytes(UTF_8));
        assertEquals("one", Files.readString(file));
        AtomicFiles.write(file, "two".getBytes(UTF_8));
        assertEquals("two", Files.readString(file));
        assertEquals(List.of(file), list(file.getParent()));
    }

    @Test
    public void aWriteThatFailsLeavesTheTargetAsItWasAndNoTemporaryFile() throws Exception {
        Path folder = temp.getRoot().toPath();
        // a folder that is not empty where the file should be: the rename fails, whoever runs the test (even root)
        Path target = Files.createDirectories(folder.resolve("history.log"));
        Path inside = Files.writeString(target.resolve("kept"), "old");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, "new".getBytes(UTF_8)));
        assertEquals("old", Files.readString(inside));
        assertEquals(List.of(target), list(folder));
    }

    @Test
    public void aReplacedFileKeepsItsPermissions() throws Exception {
        Path file = temp.getRoot().toPath().resolve("sample.greeting.cfg");
        Files.writeString(file, "text = Hello\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFiles.write(file, "text = Bonjour\n".getBytes(UTF_8));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    public void aReadOnlyFileIsReplacedAndStaysReadOnly() throws Exception {
        Path file = temp.getRoot().toPath().resolve("pinned.cfg");
        Files.writeString(file, "a = 1\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        AtomicFiles.write(file, "a = 2\n".getBytes(UTF_8));
        assertEquals("a = 2\n", Files.readString(file));
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    public void aNewFileIsItsOwnersOnly() throws Exception {
        Path file = temp.getRoot().toPath().resolve("plugins.properties");
        AtomicFiles.write(file, "x".getBytes(UTF_8));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    public void permissionsAskedForAreTheFilesFromTheStart() throws Exception {
        Path file = temp.getRoot().toPath().resolve("api-token");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        AtomicFiles.write(file, "secret".getBytes(UTF_8), AtomicFiles.OWNER_ONLY);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("secret", Files.readString(file));
    }

    @Test
    public void aReaderSeesTheOldContentOrTheNewNeverAMix() throws Exception {
        Path file = temp.getRoot().toPath().resolve("state");
        byte[] a = "a".repeat(64 * 1024).getBytes(UTF_8);
        byte[] b = "b".repeat(96 * 1024).getBytes(UTF_8);
        AtomicFiles.write(file, a);
        AtomicBoolean done = new AtomicBoolean();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                try {
                    byte[] read = Files.readAllBytes(file);
                    seen.add(java.util.Arrays.equals(read, a) ? "a" : java.util.Arrays.equals(read, b) ? "b" : "mixed:" + read.length);
                } catch (IOException e) {
                    seen.add("unreadable: " + e);
                }
            }
        });
        reader.start();
        for (int i = 0; i < 200; i++) {
            AtomicFiles.write(file, i % 2 == 0 ? b : a);
        }
        done.set(true);
        reader.join();
        assertTrue(seen.toString(), Set.of("a", "b").containsAll(seen));
        assertArrayEquals(a, Files.readAllBytes(file));
        assertEquals(List.of(file), list(file.getParent()));
    }

    @Test
    public void appendsCreateAndExtendTheFile() throws Exception {
        Path file = temp.getRoot().toPath().resolve("new/history.log");
        AtomicFiles.append(file, "one\n".getBytes(UTF_8));
        AtomicFiles.append(file, "two\n".getBytes(UTF_8));
        assertEquals("one\ntwo\n", Files.readString(file));
    }

    @Test
    public void deleteSaysWhetherTheFileWasThere() throws Exception {
        Path file = Files.writeString(temp.getRoot().toPath().resolve("x.state"), "x");
        assertTrue(AtomicFiles.delete(file));
        assertFalse(Files.exists(file));
        assertFalse(AtomicFiles.delete(file));
    }

    @Test
    public void aFolderCanBeSynced() throws Exception {
        // nothing to observe short of a power cut: it must simply not fail, nor on a folder that is gone
        AtomicFiles.syncFolder(temp.getRoot().toPath());
        AtomicFiles.syncFolder(temp.getRoot().toPath().resolve("missing"));
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
