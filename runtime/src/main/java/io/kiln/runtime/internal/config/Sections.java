package io.kiln.runtime.internal.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.MetaTypeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.runtime.api.ConfigService;
import io.kiln.runtime.api.Action;
import io.kiln.runtime.api.AgentService;
import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.Subject;
import io.kiln.runtime.api.Trigger;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.SectionInfo;
import io.kiln.runtime.api.SectionResult;
import io.kiln.runtime.api.UnknownSectionException;
import io.kiln.runtime.internal.history.ChangeJournal;
import io.kiln.runtime.internal.store.RuntimeFolders;

/**
 * The configuration sections: each section file is read, validated against its Metatype definition and
 * delivered to ConfigAdmin, or refused with the reason while its components keep their last good
 * configuration. Every outcome is recorded in the history.
 */
@Component(service = { ConfigService.class, Sections.class })
public final class Sections implements ConfigService {

    private static final Logger LOG = LoggerFactory.getLogger(Sections.class);

    static final String SOURCE = ConfigFileInstaller.SOURCE;

    private final ConfigurationAdmin configurationAdmin;
    private final ServiceComponentRuntime scr;
    private final ChangeJournal journal;
    private final MetatypeIndex metatype;
    private final SectionValidator validator;
    private final Path folder;
    private final Map<String, SectionState> states = new ConcurrentHashMap<>();
    private final Map<Path, Object> fileLocks = new ConcurrentHashMap<>();

    @Activate
    public Sections(BundleContext context, @Reference ConfigurationAdmin configurationAdmin,
            @Reference MetaTypeService metaTypeService, @Reference ServiceComponentRuntime scr,
            @Reference ChangeJournal journal) {
        this.configurationAdmin = configurationAdmin;
        this.scr = scr;
        this.journal = journal;
        this.metatype = new MetatypeIndex(context, metaTypeService, this::definitionsArrived);
        this.validator = new SectionValidator(new Placeholders(System::getenv, context::getProperty));
        this.folder = RuntimeFolders.conf(context);
    }

    @Deactivate
    void deactivate() {
        metatype.close();
    }

    Path folder() {
        return folder;
    }

    /**
     * Reads, validates and applies a section file.
     *
     * @param force deliver it to its components even if it says what already runs (a reload)
     */
    SectionResult apply(Path file, String trigger, boolean force) {
        synchronized (fileLocks.computeIfAbsent(file, f -> new Object())) {
            long start = System.nanoTime();
            SectionFile section;
            try {
                section = SectionFile.of(file);
            } catch (SectionException e) {
                return refuse(null, file.getFileName().toString(), file.getFileName().toString(), e.getMessage(), trigger, start);
            }
            try {
                SectionValidator.Validated validated = validate(section, section.read());
                Dictionary<String, Object> values = validated.values();
                values.put(SOURCE, section.fileName());
                Configuration configuration = configuration(section);
                boolean changed;
                if (force) {
                    configuration.update(values);
                    changed = true;
                } else {
                    changed = configuration.updateIfDifferent(values);
                }
                SectionState before = states.get(section.configurationPid());
                states.put(section.configurationPid(), new SectionState(section, Outcome.APPLIED, "", validated.warnings(),
                        metatype.definition(section.pid()) != null, toMap(values), Instant.now()));
                validated.warnings().forEach(warning -> LOG.warn("{}", warning));
                boolean recovered = before != null && before.state() == Outcome.REJECTED;
                Outcome outcome = changed || recovered ? Outcome.APPLIED : Outcome.UNCHANGED;
                if (outcome == Outcome.APPLIED) {
                    LOG.info("section {} applied from {}", section.configurationPid(), section.fileName());
                    record(section.configurationPid(), trigger, outcome, start, "");
                }
                return new SectionResult(section.configurationPid(), section.fileName(), outcome, "", validated.warnings(), took(start));
            } catch (SectionException e) {
                return refuse(section, section.configurationPid(), section.fileName(), e.getMessage(), trigger, start);
            } catch (IOException e) {
                return refuse(section, section.configurationPid(), section.fileName(),
                        section.fileName() + ": ConfigAdmin cannot store it: " + e, trigger, start);
            }
        }
    }

    private SectionValidator.Validated validate(SectionFile section, Dictionary<String, Object> raw) throws SectionException {
        return validator.validate(section, raw, metatype.definition(section.pid()));
    }

    private SectionResult refuse(SectionFile section, String pid, String fileName, String reason, String trigger, long start) {
        SectionState before = states.get(pid);
        boolean repeated = before != null && before.state() == Outcome.REJECTED && before.reason().equals(reason);
        if (section != null) {
            states.put(pid, before == null
                    ? new SectionState(section, Outcome.REJECTED, reason, List.of(), false, Map.of(), Instant.now())
                    : before.refused(reason, Instant.now()));
        }
        if (!repeated) {
            LOG.error("{}; the section keeps its last good configuration", reason);
            record(pid, trigger, Outcome.REJECTED, start, reason);
        }
        return new SectionResult(pid, fileName, Outcome.REJECTED, reason, List.of(), took(start));
    }

    /**
     * A plugin declaring these PIDs' definitions is resolving, and none of its components has started: check the
     * sections that were applied before anyone could say what they should hold. One that does not hold up is
     * withdrawn, so its components wait for a valid section instead of starting on a bad one.
     */
    private void definitionsArrived(java.util.Set<String> pids) {
        for (SectionState state : List.copyOf(states.values())) {
            SectionFile section = state.section();
            if (!pids.contains(section.pid()) || state.validated() || state.state() != Outcome.APPLIED) {
                continue;
            }
            synchronized (fileLocks.computeIfAbsent(section.file(), f -> new Object())) {
                long start = System.nanoTime();
                try {
                    SectionValidator.Validated valid = validate(section, section.read());
                    // valid as delivered: its components already have these values, so nothing is delivered again
                    // (the typed copy would count as a change and restart them for nothing)
                    states.put(section.configurationPid(), new SectionState(section, Outcome.APPLIED, "", valid.warnings(), true,
                            state.applied(), state.changed()));
                } catch (SectionException e) {
                    try {
                        Configuration configuration = existing(section.configurationPid());
                        if (configuration != null) {
                            configuration.delete();
                        }
                    } catch (IOException deleteFailed) {
                        LOG.error("{}: cannot withdraw the invalid section: {}", section.fileName(), deleteFailed.toString());
                    }
                    states.put(section.configurationPid(), new SectionState(section, Outcome.REJECTED, e.getMessage(),
                            List.of(), true, Map.of(), Instant.now()));
                    LOG.error("{}; withdrawn until the file is fixed", e.getMessage());
                    record(section.configurationPid(), "validation", Outcome.REJECTED, start, e.getMessage());
                }
            }
        }
    }

    /** The section's file is gone: remove its configuration, if the file was where it came from. */
    void remove(Path file, String trigger) {
        synchronized (fileLocks.computeIfAbsent(file, f -> new Object())) {
            if (Files.exists(file)) {
                return;
            }
            long start = System.nanoTime();
            try {
                SectionFile section = SectionFile.of(file);
                states.remove(section.configurationPid());
                Configuration configuration = existing(section.configurationPid());
                if (configuration != null && section.fileName().equals(configuration.getProperties().get(SOURCE))) {
                    configuration.delete();
                    LOG.info("section {} removed with {}", section.configurationPid(), section.fileName());
                    record(section.configurationPid(), trigger, Outcome.APPLIED, start, "", Action.REMOVE);
                }
            } catch (SectionException | IOException e) {
                LOG.error("{}: cannot remove its section: {}", file.getFileName(), e.getMessage());
            }
        }
    }

    /** Sections whose file was deleted while Kiln was stopped. */
    void removeOrphans() {
        try {
            Configuration[] fromFiles = configurationAdmin.listConfigurations("(" + SOURCE + "=*)");
            for (Configuration configuration : fromFiles == null ? new Configuration[0] : fromFiles) {
                Object source = configuration.getProperties().get(SOURCE);
                if (source != null && !Files.exists(folder.resolve(source.toString()))) {
                    LOG.info("section {} removed: {} is gone", configuration.getPid(), source);
                    configuration.delete();
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            LOG.error("Cannot look for sections whose file is gone: {}", e.toString());
        }
    }

    // --- ConfigService

    @Override
    public List<SectionInfo> sections() {
        return new TreeMap<>(states).values().stream().map(this::info).toList();
    }

    @Override
    public Optional<SectionInfo> section(String pid) {
        return Optional.ofNullable(states.get(pid)).map(this::info);
    }

    @Override
    public SectionResult reload(String pid, String trigger) {
        return apply(state(pid).section().file(), trigger, true);
    }

    @Override
    public List<SectionResult> reloadAll(String trigger) {
        return new TreeMap<>(states).values().stream().map(s -> apply(s.section().file(), trigger, true)).toList();
    }

    @Override
    public SectionResult set(String pid, String key, String value, String trigger) {
        SectionState state = state(pid);
        SectionFile section = state.section();
        synchronized (fileLocks.computeIfAbsent(section.file(), f -> new Object())) {
            long start = System.nanoTime();
            try {
                Dictionary<String, Object> raw = section.read();
                raw.put(key, value);
                validate(section, raw);
                SectionWriter.set(section, key, value);
            } catch (SectionException e) {
                return refuse(section, pid, section.fileName(), e.getMessage(), trigger, start);
            } catch (IOException e) {
                return refuse(section, pid, section.fileName(), section.fileName() + ": cannot be written: " + e, trigger, start);
            }
            return apply(section.file(), trigger, false);
        }
    }

    private SectionState state(String pid) {
        SectionState state = states.get(pid);
        if (state == null) {
            throw new UnknownSectionException(pid, new TreeMap<>(states).keySet());
        }
        return state;
    }

    private SectionInfo info(SectionState state) {
        SectionFile section = state.section();
        return new SectionInfo(section.configurationPid(), section.name().isPresent() ? section.pid() : "", section.fileName(),
                state.state(), state.reason(), state.warnings(), state.validated(), state.applied(), components(section),
                state.changed());
    }

    /** The DS components configured by this section, as {@code name (STATE)}. */
    private List<String> components(SectionFile section) {
        List<String> bound = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (description.configurationPid == null || !List.of(description.configurationPid).contains(section.pid())) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                Object pid = configuration.properties.get("service.pid");
                boolean ours = section.name().isEmpty() || section.configurationPid().equals(pid)
                        || (pid instanceof String[] pids && List.of(pids).contains(section.configurationPid()));
                if (ours) {
                    bound.add(description.name + " (" + stateName(configuration.state) + ")");
                }
            }
            if (scr.getComponentConfigurationDTOs(description).isEmpty() && section.name().isEmpty()) {
                bound.add(description.name + " (" + (scr.isComponentEnabled(description) ? "WAITING" : "DISABLED") + ")");
            }
        }
        return bound;
    }

    private static String stateName(int state) {
        return switch (state) {
            case ComponentConfigurationDTO.ACTIVE -> "ACTIVE";
            case ComponentConfigurationDTO.SATISFIED -> "SATISFIED";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "UNSATISFIED_REFERENCE";
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "UNSATISFIED_CONFIGURATION";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "FAILED_ACTIVATION";
            default -> "UNKNOWN";
        };
    }

    private Configuration configuration(SectionFile section) throws IOException {
        return section.name().isPresent()
                ? configurationAdmin.getFactoryConfiguration(section.pid(), section.name().get(), "?")
                : configurationAdmin.getConfiguration(section.pid(), "?");
    }

    private Configuration existing(String pid) throws IOException {
        try {
            Configuration[] found = configurationAdmin.listConfigurations("(service.pid=" + pid + ")");
            return found == null ? null : found[0];
        } catch (InvalidSyntaxException e) {
            throw new IOException("PID " + pid + " cannot be searched for: " + e.getMessage(), e);
        }
    }

    private void record(String pid, String trigger, Outcome outcome, long start, String error) {
        record(pid, trigger, outcome, start, error, Action.CONFIGURE);
    }

    private void record(String pid, String trigger, Outcome outcome, long start, String error, Action action) {
        Subject subject = pid.startsWith(AgentService.FACTORY_PID + "~") ? Subject.AGENT : Subject.SECTION;
        journal.record(new HistoryEntry(Instant.now(), subject, pid, Trigger.of(trigger), action, "", "", outcome,
                took(start).toMillis(), error, List.of()));
    }

    private static Duration took(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static Map<String, Object> toMap(Dictionary<String, Object> values) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Enumeration<String> keys = values.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            Object value = values.get(key);
            map.put(key, value.getClass().isArray() ? arrayToList(value) : value);
        }
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }

    private static List<Object> arrayToList(Object array) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < java.lang.reflect.Array.getLength(array); i++) {
            list.add(java.lang.reflect.Array.get(array, i));
        }
        return list;
    }
}
