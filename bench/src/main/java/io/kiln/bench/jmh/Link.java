package io.kiln.bench.jmh;

/** The interface the microbenchmarks call: one small method, so that the call path is what is measured. */
public interface Link {

    int next(int value);
}
