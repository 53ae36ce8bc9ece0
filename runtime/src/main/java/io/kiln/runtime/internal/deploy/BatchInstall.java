package io.kiln.runtime.internal.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.runtime.api.Action;
import io.kiln.runtime.api.ChangeResult;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.Trigger;

/**
 * New plugins whose files wait in {@code hot/} at the same moment (every jar at the first start, a folder of jars
 * dropped at once) installed as one batch: each staged and checked, all installed, resolved together once, started in
 * dependency order and verified, then committed together — their records with one write, their history entries with
 * one sync. Each is still a transaction of its own, with its own history entry: one that fails to start or to verify
 * is rolled back alone and its file refused, as it would be by itself.
 * <p>
 * What does not fit a batch is left to run file by file, through the one-plugin transaction, which then says what
 * happened to it: a file that is not a new plugin (an update, the same build again), that cannot be read or is
 * refused, that does not resolve (it may wait for another), and a plugin wired to one of the batch that failed (its
 * own transaction decides whether it waits or runs).
 */
final class BatchInstall {

    private static final Logger LOG = LoggerFactory.getLogger(BatchInstall.class);

    /** A file to apply, and who asked. */
    record Request(Path file, Trigger trigger) {
    }

    private record Member(Request request, StagedJar jar, Transaction tx) {

        String fileName() {
            return request.file().getFileName().toString();
        }
    }

    private final DeployContext kiln;
    private final Refusals refusals;
    private final WaitingPlugins waiting;

    BatchInstall(DeployContext kiln, Refusals refusals) {
        this.kiln = kiln;
        this.refusals = refusals;
        this.waiting = new WaitingPlugins(kiln);
    }

    /**
     * Installs the new plugins among the files as one batch.
     *
     * @return the requests left to run one by one, in the order given
     */
    List<Request> run(List<Request> requests) {
        Phases phases = new Phases();
        List<Member> members = new ArrayList<>();
        List<Request> alone = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> shas = new HashSet<>();
        for (Request request : requests) {
            if (kiln.records.byFile(request.file().getFileName().toString()).isPresent()) {
                alone.add(request); // a plugin's own file (all of them when Kiln starts again): not a new plugin
                continue;
            }
            StagedJar jar;
            try {
                jar = StagedJar.stage(request.file(), kiln.stagingFolder);
            } catch (StagedJar.StillBeingWritten | RejectedException e) {
                alone.add(request);
                continue;
            }
            if (isNew(jar, request.file().getFileName().toString()) && names.add(jar.name()) && shas.add(jar.sha256())) {
                members.add(new Member(request, jar, new Transaction(kiln, jar.name(), Action.INSTALL, request.trigger())
                        .versions("", jar.version().toString())));
            } else {
                if (!shas.contains(jar.sha256())) {
                    StagedJar.discard(jar.staged()); // the same content staged for a member is that member's
                }
                alone.add(request);
            }
        }
        if (members.size() < 2) {
            members.forEach(m -> StagedJar.discard(m.jar().staged()));
            members.forEach(m -> alone.add(m.request()));
            return order(requests, alone);
        }
        phases.done("staged");
        List<ReentrantLock> locks = names.stream().sorted().map(kiln::lock).toList();
        locks.forEach(ReentrantLock::lock);
        try {
            int committed = install(members, alone, phases);
            LOG.info("{} installed together, {} left to go one by one ({})", counted(committed, "new plugin"),
                    counted(alone.size(), "file"), phases);
        } finally {
            locks.forEach(ReentrantLock::unlock);
            members.forEach(m -> StagedJar.discard(m.jar().staged()));
        }
        return order(requests, alone);
    }

    private static String counted(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /** A plugin Kiln does not know yet, from a file no plugin of Kiln's came from, not refused in this content. */
    private boolean isNew(StagedJar jar, String fileName) {
        return kiln.records.plugin(jar.name()).isEmpty() && kiln.bundle(jar.name()).isEmpty() && kiln.records.byFile(fileName).isEmpty()
                && !refusals.refusedBefore(fileName, jar.sha256());
    }

    /** @return how many of the members were installed and committed */
    private int install(List<Member> members, List<Request> alone, Phases phases) {
        Map<Bundle, Member> installed = new LinkedHashMap<>();
        for (Member member : members) {
            // checked again under the plugins' locks: an API install may have come first, or the file been replaced
            if (!member.jar().sourceUnchanged() || !isNew(member.jar(), member.fileName())) {
                alone.add(member.request());
                continue;
            }
            try (InputStream in = Files.newInputStream(member.jar().staged())) {
                installed.put(kiln.context.installBundle(DeployContext.LOCATION + member.jar().name(), in), member);
            } catch (BundleException | IOException e) {
                alone.add(member.request()); // refused by itself, with the framework's reason
            }
        }
        phases.done("installed");
        List<Bundle> resolved = kiln.resolveCheck.resolveWhatCan(List.copyOf(installed.keySet()));
        for (Bundle bundle : List.copyOf(installed.keySet())) {
            if (!resolved.contains(bundle)) {
                // by itself it is refused for what it lacks, or waits for another plugin
                uninstallQuietly(bundle);
                alone.add(installed.remove(bundle).request());
            }
        }
        installed.values().forEach(m -> refusals.passed(m.fileName(), JarDeployments.Source.HOT_FOLDER));
        phases.done("resolved");
        List<Bundle> order = new DependencyGraph(resolved).startOrder(resolved);
        Map<Bundle, String> failed = new LinkedHashMap<>();
        for (Bundle bundle : order) {
            try {
                kiln.lifecycle.start(bundle);
            } catch (BundleException | StuckException e) {
                failed.put(bundle, e.getMessage());
            }
        }
        phases.done("started");
        failed.putAll(kiln.verifier.verifyNew(order.stream().filter(b -> !failed.containsKey(b)).toList()));
        for (Bundle bundle : order) {
            try {
                if (!failed.containsKey(bundle)) {
                    kiln.versions.keep(installed.get(bundle).jar());
                }
            } catch (IOException | UncheckedIOException e) {
                failed.put(bundle, e.getMessage());
            }
        }
        phases.done("verified and kept");
        if (!failed.isEmpty()) {
            rollBack(failed, installed, alone);
        }
        int committed = commit(installed);
        phases.done("committed");
        return committed;
    }

    /**
     * Rolls back each plugin that failed, as its own transaction would, and takes out of the batch those the rollback
     * left not running (they were wired to one that failed): they run again by themselves.
     */
    private void rollBack(Map<Bundle, String> failed, Map<Bundle, Member> installed, List<Request> alone) {
        Map<Bundle, String> notRemoved = new LinkedHashMap<>();
        failed.keySet().forEach(b -> installed.get(b).tx().refreshed(kiln.lifecycle.closure(List.of(b)).size()));
        for (Bundle bundle : failed.keySet()) {
            Member member = installed.get(bundle);
            try {
                kiln.lifecycle.stop(bundle);
                member.tx().leftovers(kiln.memory.stopped(bundle));
                kiln.lifecycle.uninstall(bundle);
            } catch (BundleException | StuckException e) {
                notRemoved.put(bundle, e.getMessage());
            }
        }
        try {
            kiln.lifecycle.refresh(failed.keySet());
        } catch (StuckException e) {
            failed.keySet().forEach(b -> notRemoved.putIfAbsent(b, e.getMessage()));
        }
        for (Map.Entry<Bundle, String> failure : failed.entrySet()) {
            Member member = installed.remove(failure.getKey());
            String reason = member.fileName() + ": " + failure.getValue();
            ChangeResult result = notRemoved.containsKey(failure.getKey())
                    ? member.tx().end(Outcome.FAILED, reason + "; and it could not be removed again: " + notRemoved.get(failure.getKey()))
                    : member.tx().end(Outcome.ROLLED_BACK, reason);
            refusals.failed(member.fileName(), member.jar(), result);
        }
        for (Bundle bundle : List.copyOf(installed.keySet())) {
            if (bundle.getState() != Bundle.ACTIVE) {
                uninstallQuietly(bundle);
                alone.add(installed.remove(bundle).request());
            }
        }
    }

    /** Writes the records of the plugins that run, then ends their transactions together; @return how many */
    private int commit(Map<Bundle, Member> installed) {
        if (installed.isEmpty()) {
            return 0;
        }
        List<Member> members = List.copyOf(installed.values());
        try {
            kiln.records.putAll(members.stream().map(m -> PluginRecord.installed(m.jar(), m.fileName())).toList());
        } catch (UncheckedIOException e) {
            // nothing of the batch can be remembered: each is rolled back, as one change whose record fails is
            Map<Bundle, String> all = new LinkedHashMap<>();
            installed.keySet().forEach(b -> all.put(b, e.getMessage()));
            rollBack(all, installed, new ArrayList<>());
            return 0;
        }
        // a plugin that waited for one of these is reported in the batch's first transaction, naming which it waited for
        List<io.kiln.runtime.api.DependentChange> started = waiting.startFor(installed.keySet());
        if (!started.isEmpty()) {
            members.get(0).tx().dependents(started);
        }
        Transaction.endAllApplied(kiln, members.stream().map(Member::tx).toList());
        return members.size();
    }

    /** How long each step of a batch took, for its log line: what a slow start with many plugins spends its time on. */
    private static final class Phases {

        private final StringBuilder text = new StringBuilder();
        private long last = System.nanoTime();

        void done(String phase) {
            long now = System.nanoTime();
            text.append(text.length() == 0 ? "" : ", ").append(phase).append(' ').append((now - last) / 1_000_000).append(" ms");
            last = now;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    private static void uninstallQuietly(Bundle bundle) {
        try {
            bundle.uninstall();
        } catch (BundleException | IllegalStateException e) {
            // nothing ran in it; a leftover is removed by the next refresh
        }
    }

    /** The requests left over, in the order they were given. */
    private static List<Request> order(List<Request> requests, List<Request> alone) {
        return requests.stream().filter(alone::contains).toList();
    }
}
