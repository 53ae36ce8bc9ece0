package io.kiln.bench.jmh;

import org.openjdk.jmh.annotations.Threads;

/** {@link CallPaths} from one thread. */
@Threads(1)
public class OneThread extends CallPaths {
}
