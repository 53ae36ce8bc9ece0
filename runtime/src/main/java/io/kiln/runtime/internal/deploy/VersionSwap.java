package io.kiln.runtime.internal.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.runtime.api.ChangeResult;
import io.kiln.runtime.api.DependentChange;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.internal.call.DroppedHandle;
import io.kiln.runtime.internal.call.SwapWindow;

/**
 * The one sequence that puts another build into a running plugin, for an update and a rollback alike: stop it
 * (it saves its state), put the build in, refresh what is wired to it, start it, check it and every dependent,
 * commit; on any failure put the running build and its state back, bring the dependents back too, and check again.
 * All of it inside a {@link SwapWindow}: before each stop the calls running on the plugin are drained, calls that
 * arrive wait at its handles for the version that starts next, and its dependents keep their handles throughout.
 */
final class VersionSwap {

    private static final Logger LOG = LoggerFactory.getLogger(VersionSwap.class);

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
        Swap swap = new Swap(tx, kiln.handles.open(bundle, dependents.bundles()), dependents);
        Optional<byte[]> state;
        try {
            swap.stop(bundle); // the running build saves its state as it stops
            state = kiln.states.snapshot(record.name());
        } catch (BundleException | StuckException e) {
            return swap.end(Outcome.FAILED, failurePrefix + "the running version did not stop: " + e.getMessage());
        }
        tx.leftovers(kiln.memory.stopped(bundle)); // what the stopped build left running, cleaned up before it is replaced
        String reason;
        try {
            apply(bundle, newJar, record.enabled(), before);
            swap.settle(bundle, record.enabled(), before);
            List<DependentChange> after = dependents.bringBack();
            tx.dependents(after);
            if (!DependentPlugins.allIntact(after)) {
                throw new VerificationException(DependentPlugins.describeBroken(after));
            }
            commit.run();
            return swap.end(Outcome.APPLIED, "");
        } catch (BundleException | StuckException | VerificationException | IOException | UncheckedIOException failure) {
            reason = failurePrefix + failure.getMessage();
        }
        if (runningJar.isEmpty()) {
            return swap.end(Outcome.FAILED, reason + "; the previous version's jar is not kept, so it cannot be put back");
        }
        try {
            swap.stop(bundle);
            tx.leftovers(kiln.memory.stopped(bundle));
            kiln.states.restore(record.name(), state);
            apply(bundle, runningJar.get(), record.enabled(), before);
            swap.settle(bundle, record.enabled(), before);
            List<DependentChange> restored = dependents.bringBack();
            tx.dependents(restored);
            String back = DependentPlugins.allIntact(restored) ? "" : "; " + DependentPlugins.describeBroken(restored);
            return swap.end(back.isEmpty() ? Outcome.ROLLED_BACK : Outcome.FAILED, reason + "; rolled back to " + tx.from() + back);
        } catch (BundleException | StuckException | VerificationException | IOException e) {
            return swap.end(Outcome.FAILED, reason + "; and rolling back to " + tx.from() + " failed too: " + e.getMessage());
        }
    }

    /** One swap's window onto the handles: every stop drains the calls first, and the end says what restarted. */
    private final class Swap {
        private final Transaction tx;
        private final SwapWindow window;
        private final DependentPlugins dependents;
        private final List<DroppedHandle> dropped = new java.util.ArrayList<>();

        Swap(Transaction tx, SwapWindow window, DependentPlugins dependents) {
            this.tx = tx;
            this.window = window;
            this.dependents = dependents;
        }

        void stop(Bundle bundle) throws BundleException, StuckException {
            int running = window.closeGate();
            if (running > 0) {
                LOG.warn("{} {}: {} call(s) still running after the {} ms drain (calls.drain.millis); stopped under them",
                        bundle.getSymbolicName(), bundle.getVersion(), running, kiln.handles.bounds().drainMillis());
            }
            kiln.lifecycle.stop(bundle);
        }

        /**
         * The version now started serves the calls that waited, and what it does not serve is dropped, before the
         * dependents are checked. Checked again: a delayed component its callers are bound to activates only now.
         */
        void settle(Bundle bundle, boolean enabled, Map<String, Integer> before) throws VerificationException {
            dropped.addAll(window.settle());
            if (enabled) {
                kiln.verifier.verify(bundle, before);
            }
        }

        ChangeResult end(Outcome outcome, String error) {
            dropped.addAll(window.close());
            tx.dependents(dependents.withRestarts(tx.dependentChanges(), true, dropped));
            return tx.end(outcome, error);
        }
    }

    /** Puts a jar's content into the bundle, refreshes what is wired to it, and starts and checks it. */
    private void apply(Bundle bundle, Path jar, boolean enabled, Map<String, Integer> before)
            throws BundleException, StuckException, VerificationException {
        kiln.lifecycle.update(bundle, jar);
        kiln.lifecycle.refresh(List.of(bundle));
        if (enabled) {
            kiln.lifecycle.start(bundle);
            kiln.verifier.verify(bundle, before);
        }
    }
}
