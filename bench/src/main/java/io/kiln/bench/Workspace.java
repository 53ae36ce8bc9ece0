package io.kiln.bench;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One product's scratch folder: fresh copies of its distribution, the staging folder for atomic drops, the
 * probes' output folder and the launched processes' logs. All on one file system, so renames are atomic.
 */
final class Workspace implements Closeable {

    private final Path root;
    private final Product product;
    private final Drop drop;
    private final ProbeOutput output;
    private final Path logs;

    Workspace(Path root, Product product) throws IOException {
        FileTrees.delete(root);
        this.root = Files.createDirectories(root).toAbsolutePath();
        this.product = product;
        this.drop = new Drop(this.root.resolve("stage"));
        this.output = new ProbeOutput(this.root.resolve("probe-out"));
        this.logs = Files.createDirectories(this.root.resolve("logs"));
    }

    Product product() {
        return product;
    }

    /** A fresh, prepared copy of the pristine distribution, never run before. */
    Path freshCopy(String label) throws IOException {
        Path home = root.resolve(label);
        FileTrees.delete(home);
        FileTrees.copy(product.pristine(), home);
        product.prepare(home);
        return home;
    }

    /** An empty folder of the workspace for the harness's own files (a plugin project), outside every watched folder. */
    Path scratch(String label) throws IOException {
        Path folder = root.resolve(label);
        FileTrees.delete(folder);
        return Files.createDirectories(folder);
    }

    void discard(Path home) throws IOException {
        FileTrees.delete(home);
    }

    Drop drop() {
        return drop;
    }

    ProbeOutput output() {
        return output;
    }

    Path log(String label) {
        return logs.resolve(label + ".log");
    }

    @Override
    public void close() throws IOException {
        output.close();
    }
}
