package io.kiln.bench.jmh;

import org.openjdk.jmh.annotations.Threads;

/**
 * {@link CallPaths} from eight threads at once, all on the same objects (the same handle): what eight callers of a
 * plugin cost each other. On two cores, eight threads also share the CPUs, so compare the rows with each other,
 * not with {@link OneThread}'s.
 */
@Threads(8)
public class EightThreads extends CallPaths {
}
