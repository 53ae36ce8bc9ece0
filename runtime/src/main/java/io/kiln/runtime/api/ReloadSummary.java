package io.kiln.runtime.api;

import java.util.List;

/**
 * The outcome of reloading several plugins.
 *
 * @param results one result per plugin, in the order they were started
 */
public record ReloadSummary(List<ChangeResult> results) {

    public ReloadSummary {
        results = List.copyOf(results);
    }

    /** @return how many plugins were reloaded successfully */
    public long succeeded() {
        return results.stream().filter(ChangeResult::succeeded).count();
    }

    /** @return how many plugins failed to reload */
    public long failed() {
        return results.size() - succeeded();
    }
}
