package io.kiln.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/** One runtime under measurement: where its pristine copy is, how to prepare a copy, run it and feed it. */
interface Product {

    /** The name in reports: "Kiln", "Karaf 4.4.6". */
    String name();

    /** The pristine distribution; never run or changed, only copied. */
    Path pristine();

    /** Adjusts a fresh copy before its first launch (for example, listen on loopback only). */
    void prepare(Path home) throws IOException;

    /** The folder that hot-deploys plugin jars. */
    Path hotFolder(Path home);

    /** The folder whose {@code <pid>.cfg} files become configurations. */
    Path configFolder(Path home);

    /** The command that runs the copy at {@code home} in the foreground, without a console. */
    ProcessBuilder command(Path home);

    /** A line of its output that says it has finished starting; group 1, if any, is its own start time in ms. */
    Optional<Pattern> readyLine();

    /** The range of the random pause before each latency trial: long enough that the last change has settled. */
    Duration minPause();

    Duration maxPause();

    /** How long one awaited event may take before the trial counts as failed. */
    Duration eventTimeout();
}
