package io.kiln.runtime.internal.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

import io.kiln.runtime.api.ChangeResult;
import io.kiln.runtime.api.DependentChange;
import io.kiln.runtime.api.Outcome;

/**
 * The one sequence that puts another build into a running plugin, for an update and a rollback alike: stop it
 * (it saves its state), put the build in, refresh what is wired to it, start it, check it and every dependent,
 * commit; on any failure put the running build and its state back, bring the dependents back too, and check again.
 * All of it inside a {@link PluginSwap}: before each stop the calls running on the plugin are drained, calls that
 * arrive wait at its handles for the version that starts next, and its dependents keep their handles throughout.
 */
final class VersionSwap {

    /** What makes the change permanent once it works: keeping the jar, writing Kiln's records. */
    @FunctionalInterface
    interface Commit {
        void run() throws IOException;
    }

    private final DeployContext kiln;

    VersionSwap(DeployContext kiln) {
        this.kiln = kiln;
    }

    /**
     * @param newJar      the build to run
     * @param runningJar  the running build's kept jar, to go back to; empty if Kiln does not keep it
     * @param failurePrefix what to say before a failure's cause ({@code "x.jar: "}, {@code "version 1.0 did not work: "})
     */
    ChangeResult run(Transaction tx, Bundle bundle, PluginRecord record, Path newJar, Optional<Path> runningJar,
            String failurePrefix, Commit commit) {
        Map<String, Integer> before = kiln.verifier.componentStates(bundle);
        DependentPlugins dependents = DependentPlugins.of(kiln, bundle);
        // from here to the end, callers of the plugin and of its dependents hold on to their handles
        try (PluginSwap swap = new PluginSwap(kiln, bundle, dependents)) {
            Optional<byte[]> state;
            try {
                swap.stop(); // the running build saves its state as it stops
                state = kiln.states.snapshot(record.name());
            } catch (BundleException | StuckException e) {
                return end(tx, swap, false, Outcome.FAILED, failurePrefix + "the running version did not stop: " + e.getMessage());
            }
            tx.leftovers(kiln.memory.stopped(bundle)); // what the stopped build left running, cleaned up before it is replaced
            String reason;
            try {
                apply(tx, bundle, dependents, newJar, record.enabled(), before);
                swap.settle(record.enabled(), before);
                List<DependentChange> after = dependents.bringBack();
                tx.dependents(after);
                if (!DependentPlugins.allIntact(after)) {
                    throw new VerificationException(DependentPlugins.describeBroken(after));
                }
                commit.run();
                return end(tx, swap, true, Outcome.APPLIED, "");
            } catch (BundleException | StuckException | VerificationException | IOException | UncheckedIOException failure) {
                reason = failurePrefix + failure.getMessage();
            }
            if (runningJar.isEmpty()) {
                return end(tx, swap, true, Outcome.FAILED, reason + "; the previous version's jar is not kept, so it cannot be put back");
            }
            try {
                swap.stop();
                tx.leftovers(kiln.memory.stopped(bundle));
                kiln.states.restore(record.name(), state);
                apply(tx, bundle, dependents, runningJar.get(), record.enabled(), before);
                swap.settle(record.enabled(), before);
                List<DependentChange> restored = dependents.bringBack();
                tx.dependents(restored);
                String back = DependentPlugins.allIntact(restored) ? "" : "; " + DependentPlugins.describeBroken(restored);
                return end(tx, swap, true, back.isEmpty() ? Outcome.ROLLED_BACK : Outcome.FAILED,
                        reason + "; rolled back to " + tx.from() + back);
            } catch (BundleException | StuckException | VerificationException | IOException e) {
                return end(tx, swap, true, Outcome.FAILED, reason + "; and rolling back to " + tx.from() + " failed too: " + e.getMessage());
            }
        }
    }

    private static ChangeResult end(Transaction tx, PluginSwap swap, boolean refreshed, Outcome outcome, String error) {
        return tx.dependents(swap.end(tx.dependentChanges(), refreshed)).end(outcome, error);
    }

    /**
     * Puts a jar's content into the bundle, refreshes what is wired to it, and starts and checks it. The dependents the
     * refresh takes in are stopped first, last first: the framework would restart them in its own order (by bundle
     * id), and {@link DependentPlugins#bringBack} starts them again in dependency order.
     */
    private void apply(Transaction tx, Bundle bundle, DependentPlugins dependents, Path jar, boolean enabled, Map<String, Integer> before)
            throws BundleException, StuckException, VerificationException {
        kiln.lifecycle.update(bundle, jar);
        dependents.stopForRefresh(kiln.lifecycle.closure(List.of(bundle)));
        tx.refreshed(kiln.lifecycle.refresh(List.of(bundle)));
        if (enabled) {
            kiln.lifecycle.start(bundle);
            tx.restartedItself();
            kiln.verifier.verify(bundle, before);
        }
    }
}
