package io.kiln.runtime.internal.skill;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.api.skill.Skill;
import io.kiln.runtime.api.Action;
import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.Subject;
import io.kiln.runtime.api.Trigger;
import io.kiln.runtime.api.UnknownSkillException;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.SkillInfo;
import io.kiln.runtime.api.SkillService;
import io.kiln.runtime.internal.history.ChangeJournal;
import io.kiln.runtime.internal.store.Hashes;
import io.kiln.runtime.internal.store.RuntimeFolders;

/**
 * Publishes every valid {@code skills/<name>/SKILL.md} as a {@link Skill} service: a new version is registered
 * before the old one is withdrawn, so a skill whose file stays valid never disappears; an invalid save is
 * refused with its reason and the previous version stays published.
 */
@Component(service = { SkillService.class, Skills.class })
public final class Skills implements SkillService {

    private static final Logger LOG = LoggerFactory.getLogger(Skills.class);
    static final String FILE_NAME = "SKILL.md";

    private final BundleContext context;
    private final ChangeJournal journal;
    private final Path folder;
    private final Map<String, SkillEntry> entries = new TreeMap<>();
    private final Map<String, Object> changes = new ConcurrentHashMap<>();
    private boolean closed;

    @Activate
    public Skills(BundleContext context, @Reference ChangeJournal journal, @Reference ConfigurationAdmin configurationAdmin)
            throws IOException {
        this.context = context;
        this.journal = journal;
        this.folder = Files.createDirectories(RuntimeFolders.skills(context));
        SkillsWatcher.configure(context, configurationAdmin, folder);
    }

    @Deactivate
    void deactivate() {
        List<SkillEntry> published;
        synchronized (this) {
            closed = true;
            published = List.copyOf(entries.values());
            entries.clear();
        }
        published.forEach(e -> unregister(e.registration()));
    }

    Path folder() {
        return folder;
    }

    /**
     * Reads a skill file and publishes it, or refuses it keeping what was published. Changes to one skill are made
     * one at a time; services are registered and listeners told outside the lock that guards the skills, so that a
     * listener may call back into Kiln.
     */
    SkillInfo publish(Path file, Trigger trigger, boolean force) {
        String name = file.getParent().getFileName().toString();
        synchronized (changing(name)) {
            return publishAlone(name, file, trigger, force);
        }
    }

    private SkillInfo publishAlone(String name, Path file, Trigger trigger, boolean force) {
        long start = System.nanoTime();
        String label = "skills/" + name + "/" + FILE_NAME;
        SkillEntry before = entry(name);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return refuse(name, before, "", label + ": not UTF-8 text", trigger, start);
        } catch (IOException e) {
            return refuse(name, before, "", label + ": cannot be read: " + e, trigger, start);
        }
        String hash = Hashes.sha256(text.getBytes(StandardCharsets.UTF_8));
        if (!force && before != null && hash.equals(before.contentHash())) {
            return before.toApi();
        }
        SkillDocument document;
        try {
            document = SkillDocument.parse(text, label, name);
        } catch (SkillException e) {
            return refuse(name, before, hash, e.getMessage(), trigger, start);
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Skill.NAME, document.name());
        properties.put(Skill.VERSION, document.version());
        // the new version is registered before the old one is withdrawn: a skill whose file stays valid never disappears
        ServiceRegistration<Skill> registration = context.registerService(Skill.class, document, properties);
        SkillEntry entry = new SkillEntry(name, name + "/" + FILE_NAME, document, registration, Outcome.APPLIED, "", hash, Instant.now());
        boolean kept;
        synchronized (this) {
            kept = !closed;
            if (kept) {
                entries.put(name, entry);
            }
        }
        if (!kept) {
            // deactivated meanwhile: nothing stays published
            unregister(registration);
            return entry.toApi();
        }
        if (before != null) {
            unregister(before.registration());
        }
        String from = before == null || before.published() == null ? "" : before.published().version();
        LOG.info("skill {} {} published", name, document.version());
        record(name, trigger, Action.PUBLISH, Outcome.APPLIED, from, document.version(), start, "");
        return entry.toApi();
    }

    private SkillInfo refuse(String name, SkillEntry before, String hash, String reason, Trigger trigger, long start) {
        boolean repeated = before != null && before.state() == Outcome.REJECTED && before.reason().equals(reason);
        SkillEntry entry = new SkillEntry(name, name + "/" + FILE_NAME, before == null ? null : before.published(),
                before == null ? null : before.registration(), Outcome.REJECTED, reason, hash, Instant.now());
        synchronized (this) {
            entries.put(name, entry);
        }
        if (!repeated) {
            LOG.error("{}; {}", reason, before != null && before.published() != null
                    ? "version " + before.published().version() + " stays published" : "nothing published");
            record(name, trigger, Action.PUBLISH, Outcome.REJECTED, "", "", start, reason);
        }
        return entry.toApi();
    }

    /** The skill's file is gone: withdraw the skill. */
    void withdraw(Path file, Trigger trigger) {
        String name = file.getParent().getFileName().toString();
        synchronized (changing(name)) {
            long start = System.nanoTime();
            SkillEntry entry;
            synchronized (this) {
                entry = entries.remove(name);
            }
            if (entry != null) {
                unregister(entry.registration());
                LOG.info("skill {} withdrawn", name);
                record(name, trigger, Action.WITHDRAW, Outcome.APPLIED, entry.published() == null ? "" : entry.published().version(), "", start, "");
            }
        }
    }

    private synchronized SkillEntry entry(String name) {
        return entries.get(name);
    }

    private Object changing(String name) {
        return changes.computeIfAbsent(name, n -> new Object());
    }

    private static void unregister(ServiceRegistration<Skill> registration) {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is stopping
            }
        }
    }

    private void record(String name, Trigger trigger, Action action, Outcome outcome, String from, String to, long start, String error) {
        HistoryEntry entry = new HistoryEntry(Instant.now(), Subject.SKILL, name, trigger, action, from, to, outcome,
                (System.nanoTime() - start) / 1_000_000, error, List.of(), List.of(), 0, 0);
        try {
            journal.record(entry);
        } catch (java.io.UncheckedIOException e) {
            LOG.error("skill {}: {} is not in the history: {}", name, outcome, e.getMessage());
            journal.tell(entry);
        }
    }

    // --- SkillService

    private synchronized List<String> names() {
        return List.copyOf(entries.keySet());
    }

    @Override
    public synchronized List<SkillInfo> skills() {
        return entries.values().stream().map(SkillEntry::toApi).toList();
    }

    @Override
    public SkillInfo reload(String name, Trigger trigger) {
        Path file = folder.resolve(name).resolve(FILE_NAME);
        if (name.contains("/") || name.contains("\\") || name.startsWith(".") || !Files.isRegularFile(file)) {
            throw new UnknownSkillException(name, names());
        }
        return publish(file, trigger, true);
    }

    @Override
    public List<SkillInfo> reloadAll(Trigger trigger) {
        return names().stream().filter(n -> Files.isRegularFile(folder.resolve(n).resolve(FILE_NAME)))
                .map(n -> publish(folder.resolve(n).resolve(FILE_NAME), trigger, true)).toList();
    }
}
