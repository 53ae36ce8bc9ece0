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
        Optional<byte[]> state;
        try {
            kiln.lifecycle.stop(bundle); // the running build saves its state as it stops
            state = kiln.states.snapshot(record.name());
        } catch (BundleException | StuckException e) {
            return tx.end(Outcome.FAILED, failurePrefix + "the running version did not stop: " + e.getMessage());
        }
        tx.leftovers(kiln.memory.stopped(bundle)); // what the stopped build left running, cleaned up before it is replaced
        String reason;
        try {
            apply(bundle, newJar, record.enabled(), before);
            List<DependentChange> after = dependents.bringBack();
            tx.dependents(after);
            if (!DependentPlugins.allIntact(after)) {
                throw new VerificationException(DependentPlugins.describeBroken(after));
            }
            commit.run();
            return tx.end(Outcome.APPLIED, "");
        } catch (BundleException | StuckException | VerificationException | IOException | UncheckedIOException failure) {
            reason = failurePrefix + failure.getMessage();
        }
        if (runningJar.isEmpty()) {
            return tx.end(Outcome.FAILED, reason + "; the previous version's jar is not kept, so it cannot be put back");
        }
        try {
            kiln.lifecycle.stop(bundle);
            tx.leftovers(kiln.memory.stopped(bundle));
            kiln.states.restore(record.name(), state);
            apply(bundle, runningJar.get(), record.enabled(), before);
            List<DependentChange> restored = dependents.bringBack();
            tx.dependents(restored);
            String back = DependentPlugins.allIntact(restored) ? "" : "; " + DependentPlugins.describeBroken(restored);
            return tx.end(back.isEmpty() ? Outcome.ROLLED_BACK : Outcome.FAILED, reason + "; rolled back to " + tx.from() + back);
        } catch (BundleException | StuckException | VerificationException | IOException e) {
            return tx.end(Outcome.FAILED, reason + "; and rolling back to " + tx.from() + " failed too: " + e.getMessage());
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
