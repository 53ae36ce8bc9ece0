package io.kiln.bench.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

import org.osgi.framework.Bundle;

/**
 * Records "this happened now" for the harness: a file named after the event, holding the instant in
 * microseconds since the epoch, in the folder named by the bundle's {@value #OUT_HEADER} header.
 * <p>
 * The instant is taken first; the file is then written beside its final name and renamed into place, so the
 * harness never reads a partial record.
 */
final class Stamp {

    /** Manifest header: the absolute path of the folder the harness reads. */
    static final String OUT_HEADER = "Kiln-Bench-Out";

    private Stamp() {
    }

    static void write(Bundle bundle, String event) {
        Instant now = Instant.now();
        write(bundle, event, Long.toString(now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000));
    }

    /** Records {@code event} with {@code content} (US-ASCII) in place of the instant. */
    static void write(Bundle bundle, String event, String content) {
        String folder = bundle.getHeaders().get(OUT_HEADER);
        if (folder == null) {
            return;
        }
        Path out = Path.of(folder);
        Path partial = out.resolve("." + event + ".partial");
        try {
            Files.writeString(partial, content, StandardCharsets.US_ASCII);
            Files.move(partial, out.resolve(event), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // the harness times out on the missing record and says so; nothing to do in the framework
            System.err.println("kiln bench probe: cannot record " + event + " in " + out + ": " + e);
        }
    }

    /** The event name of a bundle's start or stop: {@code <symbolic name>-<version>.<what>}. */
    static String of(Bundle bundle, String what) {
        return bundle.getSymbolicName() + "-" + bundle.getVersion() + "." + what;
    }
}
