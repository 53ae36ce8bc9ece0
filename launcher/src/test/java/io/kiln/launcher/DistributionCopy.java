package io.kiln.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Copies of the assembled distribution for tests, so that no test runs in, or changes, the built one. */
final class DistributionCopy {

    /** The distribution this build assembled. */
    static final Path BUILT = Path.of(System.getProperty("kiln.distribution", "target/kiln"));

    private DistributionCopy() {
    }

    /** A copy as a new user gets it: without any state a run of the built distribution may have left in data/. */
    static Path fresh(Path target) throws IOException {
        return copy(BUILT, target, true);
    }

    /** A copy of {@code source} as it is, state and all (a used distribution moved elsewhere). */
    static Path exact(Path source, Path target) throws IOException {
        return copy(source, target, false);
    }

    private static Path copy(Path source, Path target, boolean withoutState) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = source.relativize(file);
                if (withoutState && relative.startsWith("data") && relative.getNameCount() > 1
                        && !relative.toString().equals("data/README.md")) {
                    continue;
                }
                Path to = target.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return target;
    }
}
