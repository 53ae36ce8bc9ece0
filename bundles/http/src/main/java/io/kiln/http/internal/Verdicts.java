package io.kiln.http.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.kiln.runtime.api.HistoryEntry;

/** Waits for the runtime to record how a file change to one plugin ended. */
final class Verdicts {

    private Verdicts() {
    }

    /**
     * Runs {@code change}, then waits for the first history entry about {@code plugin} (or the file {@code fileName})
     * whose action is one of {@code actions}.
     *
     * @return the entry, or {@code null} if none came in time
     */
    static HistoryEntry await(EventHub hub, String plugin, String fileName, Set<String> actions, Duration timeout, IoAction change)
            throws java.io.IOException {
        CompletableFuture<HistoryEntry> verdict = new CompletableFuture<>();
        try (EventHub.Subscription s = hub.subscribe(entry -> {
            if ((plugin.equals(entry.plugin()) || fileName.equals(entry.plugin())) && actions.contains(entry.action())) {
                verdict.complete(entry);
            }
        })) {
            change.run();
            return verdict.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** A file operation. */
    interface IoAction {
        void run() throws java.io.IOException;
    }
}
