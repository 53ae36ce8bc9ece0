package io.kiln.runtime.internal.deploy;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.runtime.api.Action;
import io.kiln.runtime.api.ChangeResult;
import io.kiln.runtime.api.DependentChange;
import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.Leftover;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.Subject;
import io.kiln.runtime.api.Trigger;

/**
 * One change to one plugin, whatever asked for it (a file, the shell, the HTTP API): what it is, when it began,
 * what it did to the plugin's dependents, and the one place where its end is recorded — in the plugin's record,
 * in the history and in the log — so that no front door can change a plugin unrecorded.
 */
final class Transaction {

    private static final Logger LOG = LoggerFactory.getLogger("io.kiln.runtime");

    private final DeployContext kiln;
    private final String plugin;
    private final Action action;
    private final Trigger trigger;
    private final long startNanos = System.nanoTime();
    private String from = "";
    private String to = "";
    private List<DependentChange> dependents = List.of();
    private final List<Leftover> leftovers = new java.util.ArrayList<>();
    private int refreshed;
    private boolean restartedItself;

    Transaction(DeployContext kiln, String plugin, Action action, Trigger trigger) {
        this.kiln = kiln;
        this.plugin = plugin;
        this.action = action;
        this.trigger = trigger;
    }

    String plugin() {
        return plugin;
    }

    String from() {
        return from;
    }

    String to() {
        return to;
    }

    /** The version before and the version asked for (empty where there is none). */
    Transaction versions(String fromVersion, String toVersion) {
        this.from = fromVersion;
        this.to = toVersion;
        return this;
    }

    List<DependentChange> dependentChanges() {
        return dependents;
    }

    /** What the change did to the plugins that depend on this one. */
    Transaction dependents(List<DependentChange> changes) {
        this.dependents = List.copyOf(changes);
        return this;
    }

    /** The framework refreshed that many bundles for the change (added to earlier refreshes of the same change). */
    Transaction refreshed(int bundles) {
        this.refreshed += bundles;
        return this;
    }

    /** The plugin ran before the change and was started again: it counts among the bundles the change restarted. */
    Transaction restartedItself() {
        this.restartedItself = true;
        return this;
    }

    /** @return how many plugins the change restarted: the plugin itself if it did, and each dependent it restarted */
    int restarted() {
        return (restartedItself ? 1 : 0) + (int) dependents.stream().filter(DependentChange::restarted).count();
    }

    /** What the plugin left behind as it stopped, and what was done about it; added to what earlier stops left. */
    Transaction leftovers(List<Leftover> found) {
        this.leftovers.addAll(found);
        return this;
    }

    /**
     * Records how the change ended. A record or history that cannot be written turns the outcome into
     * {@link Outcome#FAILED}: a change must not pass for committed when Kiln will not remember it.
     */
    ChangeResult end(Outcome outcome, String error) {
        Instant now = Instant.now();
        Outcome ended = outcome;
        String why = error;
        try {
            kiln.records.plugin(plugin).ifPresent(r -> kiln.records.put(r.ended(outcome, error, now)));
        } catch (UncheckedIOException e) {
            ended = Outcome.FAILED;
            why = join(error, "Kiln's records could not be saved: " + e.getMessage());
        }
        Duration took = took();
        try {
            kiln.history.record(entry(now, ended, why, took));
        } catch (UncheckedIOException e) {
            // the change stands, but Kiln cannot say so later: everything that tells of it says FAILED, and why
            ended = Outcome.FAILED;
            why = join(why, "it is not in the history: " + e.getMessage());
            markFailed(why, now);
            kiln.history.tell(entry(now, ended, why, took));
        }
        log(ended, why, took);
        return new ChangeResult(plugin, action, ended, from, to, took, why, dependents, leftovers);
    }

    /**
     * Records that several changes applied, ended together (new plugins installed as one batch): their records with one
     * write and their history entries with one sync. Where either cannot be written, each change is ended by itself
     * ({@link #end}), which says what could not be written.
     */
    static List<ChangeResult> endAllApplied(DeployContext kiln, List<Transaction> transactions) {
        Instant now = Instant.now();
        List<Duration> took = transactions.stream().map(Transaction::took).toList();
        try {
            kiln.records.putAll(transactions.stream().flatMap(tx -> kiln.records.plugin(tx.plugin).stream())
                    .map(r -> r.ended(Outcome.APPLIED, "", now)).toList());
            List<HistoryEntry> entries = new java.util.ArrayList<>();
            for (int i = 0; i < transactions.size(); i++) {
                entries.add(transactions.get(i).entry(now, Outcome.APPLIED, "", took.get(i)));
            }
            kiln.history.recordAll(entries);
        } catch (UncheckedIOException e) {
            return transactions.stream().map(tx -> tx.end(Outcome.APPLIED, "")).toList();
        }
        List<ChangeResult> results = new java.util.ArrayList<>();
        for (int i = 0; i < transactions.size(); i++) {
            Transaction tx = transactions.get(i);
            tx.log(Outcome.APPLIED, "", took.get(i));
            results.add(new ChangeResult(tx.plugin, tx.action, Outcome.APPLIED, tx.from, tx.to, took.get(i), "", tx.dependents, tx.leftovers));
        }
        return results;
    }

    private HistoryEntry entry(Instant now, Outcome outcome, String error, Duration took) {
        return new HistoryEntry(now, Subject.PLUGIN, plugin, trigger, action, from, to, outcome, took.toMillis(), error, dependents,
                leftovers, refreshed, restarted());
    }

    private void markFailed(String why, Instant now) {
        try {
            kiln.records.plugin(plugin).ifPresent(r -> kiln.records.put(r.ended(Outcome.FAILED, why, now)));
        } catch (UncheckedIOException e) {
            LOG.error("{}: cannot save that its change failed either: {}", plugin, e.getMessage());
        }
    }

    /** How a request ended that changed nothing (the same build again, a rollback to a build not kept). */
    ChangeResult unrecorded(Outcome outcome, String error) {
        return new ChangeResult(plugin, action, outcome, from, to, took(), error, dependents, leftovers);
    }

    private Duration took() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private void log(Outcome outcome, String error, Duration took) {
        if (outcome.succeeded()) {
            LOG.info("{} {} {}{} ({} ms, {})", action.label(), plugin, to.isEmpty() ? from : to,
                    from.isEmpty() || from.equals(to) || to.isEmpty() ? "" : " (was " + from + ")", took.toMillis(), trigger.label());
        } else {
            // a build that never compiled has no version to name
            LOG.error("{} {}{}: {} — {}", action.label(), plugin, to.isEmpty() ? "" : " " + to, outcome, error);
        }
        for (DependentChange dependent : dependents) {
            if (!dependent.intact()) {
                LOG.warn("{} {}: dependent {} ({}): {}", action.label(), plugin, dependent.plugin(), dependent.why(), dependent.problem());
            }
        }
        for (Leftover leftover : leftovers) {
            LOG.warn("{} {}: left behind {}", action.label(), plugin, leftover.text());
        }
    }

    private static String join(String first, String second) {
        return first.isEmpty() ? second : first + "; " + second;
    }
}
