package io.kiln.fleet.internal;

/** A record read from ZooKeeper with the znode's version, which a compare-and-set must match. */
record Versioned<T>(T value, int version) {
}
