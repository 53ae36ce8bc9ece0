package io.kiln.runtime.internal.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.metatype.MetaTypeService;

import io.kiln.runtime.api.Trigger;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.SectionResult;
import io.kiln.runtime.internal.deploy.Reconfiguration;
import io.kiln.files.AtomicFiles;

/**
 * Every change to a section, one file at a time: a file read ({@link SectionFile}), validated and typed against
 * its definition ({@link SectionValidator}, {@link MetatypeIndex}) and delivered to ConfigAdmin
 * ({@link SectionDelivery}), or refused with the reason while its components keep their last good configuration;
 * a file gone; a value set ({@link SectionWriter}); a definition arriving after its section. A section with a
 * {@link SectionCheck} of its own (the logging section) is checked by it too, before and after delivery. Each outcome
 * is kept in {@link SectionStates} and recorded ({@link SectionRecorder}).
 */
final class SectionChanges implements AutoCloseable {

    /** How long a section's own consumer may take to say what it made of a delivery. */
    static final long OWN_CHECK_MILLIS = 10_000;

    private final MetatypeIndex metatype;
    private final SectionValidator validator;
    private final SectionDelivery delivery;
    private final SectionStates states;
    private final SectionRecorder recorder;
    private final Reconfigurations reconfigurations;
    private final DeliveryBarrier delivered;
    private final Function<String, Optional<SectionCheck>> ownChecks;
    private final SectionLocks locks = new SectionLocks();

    /** The engine's part of a section's change: its check of the plugins the section configures, and their dependents. */
    @FunctionalInterface
    interface Reconfigurations {
        Reconfiguration before(String pid, String configurationPid);
    }

    SectionChanges(BundleContext context, MetaTypeService metaTypeService, SectionDelivery delivery, SectionStates states,
            SectionRecorder recorder, Reconfigurations reconfigurations, DeliveryBarrier delivered,
            Function<String, Optional<SectionCheck>> ownChecks) {
        this.metatype = new MetatypeIndex(context, metaTypeService, this::definitionsArrived);
        this.validator = new SectionValidator(new Placeholders(System::getenv, context::getProperty));
        this.delivery = delivery;
        this.states = states;
        this.recorder = recorder;
        this.reconfigurations = reconfigurations;
        this.delivered = delivered;
        this.ownChecks = ownChecks;
    }

    @Override
    public void close() {
        metatype.close();
        delivered.close();
    }

    /** Waits until SCR has been told of what was delivered, then checks the plugins concerned. */
    private List<String> problemsAfter(Reconfiguration check, Dictionary<String, Object> values, boolean puttingBack)
            throws IOException {
        if (check.isEmpty()) {
            return List.of();
        }
        try {
            if (!toldRunningPlugins(check)) {
                return List.of("ConfigAdmin did not deliver it to its components within " + check.timeoutMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("interrupted while it was delivered");
        }
        return puttingBack ? check.problemsAfterPuttingBack(values) : check.problemsAfter(values);
    }

    /**
     * Waits, up to the check's timeout, until SCR has been told of what was delivered, if a running plugin takes the
     * section (none does when a resolving plugin told of its definition: then nothing waits on the framework's thread).
     *
     * @return whether it was told in time
     */
    private boolean toldRunningPlugins(Reconfiguration check) throws IOException, InterruptedException {
        return check.isEmpty() || delivered.await(check.timeoutMillis());
    }

    /**
     * Reads, validates and applies a section file.
     *
     * @param force deliver it to its components even if it says what already runs (a reload)
     */
    SectionResult apply(Path file, Trigger trigger, boolean force) {
        return locks.holding(file, () -> applyHeld(file, trigger, force));
    }

    private SectionResult applyHeld(Path file, Trigger trigger, boolean force) {
        long start = System.nanoTime();
        SectionFile section;
        try {
            section = SectionFile.of(file);
        } catch (SectionException e) {
            return refuse(null, file.getFileName().toString(), file.getFileName().toString(), e.getMessage(), trigger, start);
        }
        try {
            SectionDefinition definition = metatype.definition(section.pid());
            Optional<SectionCheck> own = ownChecks.apply(section.configurationPid());
            SectionValidator.Validated validated = validator.validate(section, section.read(), definition);
            Dictionary<String, Object> values = validated.values();
            List<String> warnings = new ArrayList<>(validated.warnings());
            if (own.isPresent()) {
                warnings.addAll(own.get().validate(section.fileName(), values));
            }
            try (Reconfiguration check = reconfigurations.before(section.pid(), section.configurationPid())) {
                Optional<Dictionary<String, Object>> lastGood = delivery.current(section);
                List<String> problems = new ArrayList<>();
                boolean changed;
                try (SectionCheck.Verdict verdict = own.map(SectionCheck::delivering).orElse(null)) {
                    check.holdCalls();
                    changed = delivery.deliver(section, values, force);
                    if (changed && verdict != null) {
                        problems.addAll(verdict.problems(OWN_CHECK_MILLIS));
                    }
                }
                if (changed) {
                    problems.addAll(problemsAfter(check, values, false));
                    if (!problems.isEmpty()) {
                        return putBack(section, lastGood, check, own, String.join("; ", problems), trigger, start);
                    }
                }
                if (changed) {
                    own.ifPresent(c -> c.applied(values));
                }
                Optional<SectionState> before = states.get(section.configurationPid());
                states.put(new SectionState(section, Outcome.APPLIED, "", warnings, definition != null || own.isPresent(),
                        SectionState.shown(values), Instant.now()));
                boolean recovered = before.isPresent() && before.get().state() == Outcome.REJECTED;
                Outcome outcome = changed || recovered ? Outcome.APPLIED : Outcome.UNCHANGED;
                // a file read again that says what already runs (FileInstall noticing a set's write) warns no more
                if (outcome == Outcome.APPLIED || !before.map(SectionState::warnings).orElse(List.of()).equals(warnings)) {
                    warnings.forEach(recorder::warned);
                }
                if (outcome == Outcome.APPLIED) {
                    recorder.applied(section, trigger, start);
                }
                if (definition == null) {
                    // its plugin may have resolved while this was validated, after it looked for unchecked sections
                    checkLate(section);
                }
                return new SectionResult(section.configurationPid(), section.fileName(), outcome, "", warnings,
                        SectionRecorder.took(start));
            }
        } catch (SectionException e) {
            return refuse(section, section.configurationPid(), section.fileName(), e.getMessage(), trigger, start);
        } catch (IOException e) {
            return refuse(section, section.configurationPid(), section.fileName(),
                    section.fileName() + ": ConfigAdmin cannot store it: " + e, trigger, start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refuse(section, section.configurationPid(), section.fileName(),
                    section.fileName() + ": interrupted while it was applied", trigger, start);
        } catch (RuntimeException e) {
            // said, not thrown: FileInstall would only log it and leave the file unapplied
            return refuse(section, section.configurationPid(), section.fileName(),
                    section.fileName() + ": cannot be applied: " + e, trigger, start);
        }
    }

    /**
     * The section was valid but a plugin it configures, or a dependent of one, does not work with it: the last good
     * configuration goes back, and the file counts as refused until it changes.
     */
    private SectionResult putBack(SectionFile section, Optional<Dictionary<String, Object>> lastGood, Reconfiguration check,
            Optional<SectionCheck> own, String problems, Trigger trigger, long start) throws IOException, InterruptedException {
        List<String> after = new ArrayList<>();
        // with no last good configuration its consumer falls back to its defaults, and may not say so
        try (SectionCheck.Verdict verdict = lastGood.isPresent() ? own.map(SectionCheck::delivering).orElse(null) : null) {
            check.holdCalls();
            delivery.restore(section, lastGood);
            if (verdict != null) {
                after.addAll(verdict.problems(OWN_CHECK_MILLIS));
            }
        }
        if (lastGood.isPresent()) {
            after.addAll(problemsAfter(check, lastGood.get(), true));
        }
        String back = lastGood.isPresent() ? "the last good configuration is back"
                : "it is withdrawn (there was no good one before it), and its components are left on their defaults";
        String reason = section.fileName() + ": applied, but " + problems + (after.isEmpty()
                ? "; " + back : "; and with the last good configuration back: " + String.join("; ", after));
        Outcome outcome = after.isEmpty() ? Outcome.ROLLED_BACK : Outcome.FAILED;
        SectionResult refused = refuse(section, section.configurationPid(), section.fileName(), reason, trigger, start, outcome);
        return new SectionResult(refused.pid(), refused.file(), outcome, refused.error(), refused.warnings(), refused.duration());
    }

    private void validate(SectionFile section, Dictionary<String, Object> raw) throws SectionException {
        SectionValidator.Validated validated = validator.validate(section, raw, metatype.definition(section.pid()));
        Optional<SectionCheck> own = ownChecks.apply(section.configurationPid());
        if (own.isPresent()) {
            own.get().validate(section.fileName(), validated.values());
        }
    }

    private SectionResult refuse(SectionFile section, String pid, String fileName, String reason, Trigger trigger, long start) {
        return refuse(section, pid, fileName, reason, trigger, start, Outcome.REJECTED);
    }

    /**
     * @param recorded what the history says: {@code REJECTED} for a section refused before it applied;
     *                 {@code ROLLED_BACK} or {@code FAILED} for one applied and undone, whose reason says what runs now
     */
    private SectionResult refuse(SectionFile section, String pid, String fileName, String reason, Trigger trigger, long start,
            Outcome recorded) {
        Optional<SectionState> before = states.get(pid);
        boolean repeated = before.isPresent() && before.get().state() == Outcome.REJECTED && before.get().reason().equals(reason);
        if (section != null) {
            states.put(before.isEmpty()
                    ? new SectionState(section, Outcome.REJECTED, reason, List.of(), false, Map.of(), Instant.now())
                    : before.get().refused(reason, Instant.now()));
        }
        if (!repeated && recorded != Outcome.REJECTED) {
            recorder.undone(pid, trigger, start, reason, recorded);
        } else if (!repeated) {
            recorder.refused(pid, trigger, start, reason);
        }
        return new SectionResult(pid, fileName, Outcome.REJECTED, reason, List.of(), SectionRecorder.took(start));
    }

    /** A change asked for is refused: nothing was written, so the section stays as it was (applied, or refused). */
    private SectionResult refuseRequest(SectionFile section, String reason, Trigger trigger, long start) {
        recorder.requestRefused(section, trigger, start, reason);
        return new SectionResult(section.configurationPid(), section.fileName(), Outcome.REJECTED, reason, List.of(),
                SectionRecorder.took(start));
    }

    /**
     * A plugin declaring these PIDs' definitions is resolving, and none of its components has started: check the
     * sections that were applied before anyone could say what they should hold. Told on the thread that resolves the
     * plugin, which holds Felix's global lock: a section being changed right now is checked by the thread changing it,
     * as it lets go, rather than waited for here (that thread may need the global lock before it lets go). The
     * plugin's components may then start on the unchecked section, and take the checked one a moment later.
     */
    private void definitionsArrived(Set<String> pids) {
        for (SectionState state : states.all()) {
            if (pids.contains(state.section().pid())) {
                locks.nowOrByHolder(state.section().file(), () -> checkLate(state.section()));
            }
        }
    }

    /**
     * Checks a section that was applied unchecked, if its definition is known now. A valid one is delivered again
     * typed as its definition says (applied unchecked, a list is one comma-separated string); one that does not hold
     * up is withdrawn, so its components wait for a valid section instead of running on a bad one. Told of as the
     * plugin resolves, this is done before its components start, unless a change of the same section held its lock
     * then: done as that change ends, the components may have started, and the plugins running on the section have
     * their calls held while SCR takes the typed values. To call holding the section's lock.
     */
    private void checkLate(SectionFile section) {
        SectionState state = states.get(section.configurationPid()).orElse(null);
        SectionDefinition definition = metatype.definition(section.pid());
        if (state == null || state.validated() || state.state() != Outcome.APPLIED || definition == null) {
            return;
        }
        long start = System.nanoTime();
        try {
            SectionValidator.Validated valid = validator.validate(section, section.read(), definition);
            Dictionary<String, Object> values = valid.values();
            try (Reconfiguration running = reconfigurations.before(section.pid(), section.configurationPid())) {
                running.holdCalls();
                if (delivery.deliver(section, values, false)) {
                    toldRunningPlugins(running);
                }
            }
            states.put(new SectionState(section, Outcome.APPLIED, "", valid.warnings(), true, SectionState.shown(values),
                    state.changed()));
            valid.warnings().forEach(recorder::warned);
        } catch (SectionException e) {
            try {
                delivery.withdraw(section.configurationPid());
            } catch (IOException deleteFailed) {
                recorder.failed("{}: cannot withdraw the invalid section: {}", section.fileName(), deleteFailed.toString());
            }
            states.put(new SectionState(section, Outcome.REJECTED, e.getMessage(), List.of(), true, Map.of(), Instant.now()));
            recorder.withdrawn(section, start, e.getMessage());
        } catch (IOException e) {
            recorder.failed("{}: ConfigAdmin cannot store it typed: {}", section.fileName(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // said, not thrown: the thread is the framework's, or that of the change this check was handed to
            recorder.failed("{}: cannot be checked against its definition: {}", section.fileName(), e.toString());
        }
    }

    /** The section's file is gone: remove its configuration, if the file was where it came from. */
    void remove(Path file, Trigger trigger) {
        locks.holding(file, () -> removeHeld(file, trigger));
    }

    private void removeHeld(Path file, Trigger trigger) {
        if (Files.exists(file)) {
            return;
        }
        long start = System.nanoTime();
        try {
            SectionFile section = SectionFile.of(file);
            if (ownChecks.apply(section.configurationPid()).map(SectionCheck::keptWhenFileIsGone).orElse(false)) {
                keepWithoutFile(section, trigger, start);
                return;
            }
            states.remove(section.configurationPid());
            try (Reconfiguration check = reconfigurations.before(section.pid(), section.configurationPid())) {
                // a component that takes its defaults instead comes back: its callers wait for it, not fail
                check.holdCalls();
                if (delivery.removeIfFrom(section)) {
                    recorder.removed(section, trigger, start);
                    toldRunningPlugins(check);
                }
            }
        } catch (SectionException | IOException e) {
            recorder.failed("{}: cannot remove its section: {}", file.getFileName(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The file of a section that stays is gone: its configuration runs on, and the section says how to change it. */
    private void keepWithoutFile(SectionFile section, Trigger trigger, long start) {
        String reason = section.fileName() + ": the file is gone, and this section stays as it last applied: put the file back "
                + "to change it (the distribution's own is in Kiln's source, launcher/src/dist/conf/" + section.fileName() + ")";
        Optional<SectionState> before = states.get(section.configurationPid());
        before.ifPresent(state -> states.put(state.refused(reason, Instant.now())));
        recorder.refused(section.configurationPid(), trigger, start, reason);
    }

    /** Sections whose file was deleted from {@code folder} while Kiln was stopped. */
    void removeOrphans(Path folder) {
        try {
            delivery.removeOrphans(folder, pid -> ownChecks.apply(pid).map(SectionCheck::keptWhenFileIsGone).orElse(false))
                    .forEach(recorder::orphanRemoved);
        } catch (IOException | InvalidSyntaxException e) {
            recorder.failed("Cannot look for sections whose file is gone: {}", e.toString());
        }
    }

    /** Validates the section with these values, writes them into its file and applies it; or writes nothing. */
    SectionResult set(SectionFile section, Map<String, String> values, Trigger trigger) {
        return locks.holding(section.file(), () -> setHeld(section, values, trigger));
    }

    private SectionResult setHeld(SectionFile section, Map<String, String> values, Trigger trigger) {
        long start = System.nanoTime();
        byte[] original;
        try {
            original = Files.readAllBytes(section.file());
            Dictionary<String, Object> raw = section.read();
            values.forEach(raw::put);
            validate(section, raw);
            SectionWriter.set(section, values);
        } catch (SectionException e) {
            return refuseRequest(section, e.getMessage(), trigger, start);
        } catch (IOException e) {
            return refuseRequest(section, section.fileName() + ": cannot be written: " + e, trigger, start);
        }
        Optional<SectionState> before = states.get(section.configurationPid());
        SectionResult result = apply(section.file(), trigger, false);
        if (!result.succeeded()) {
            // valid, but not applied (a plugin did not work with it, ConfigAdmin could not store it): the file
            // goes back to what runs, as a refused set leaves it
            try {
                AtomicFiles.write(section.file(), original);
                before.ifPresent(states::put);
            } catch (IOException e) {
                recorder.failed("{}: cannot put the file back after the set was undone: {}", section.fileName(), e.toString());
            }
        }
        return result;
    }
}
