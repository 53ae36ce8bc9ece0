package io.kiln.runtime.internal.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.MetaTypeService;

import io.kiln.runtime.api.Trigger;
import io.kiln.runtime.api.ConfigService;
import io.kiln.runtime.api.SectionInfo;
import io.kiln.runtime.api.SectionResult;
import io.kiln.runtime.internal.deploy.PluginEngine;
import io.kiln.runtime.internal.history.ChangeJournal;
import io.kiln.runtime.internal.scr.ComponentStates;
import io.kiln.runtime.internal.store.RuntimeFolders;

/**
 * The configuration sections of {@code conf/}: each section file is validated against its Metatype definition and
 * delivered to ConfigAdmin, or refused with the reason while its components keep their last good configuration
 * ({@link SectionChanges}). Every outcome is recorded in the history.
 */
@Component(service = { ConfigService.class, Sections.class })
public final class Sections implements ConfigService {

    private final SectionStates states = new SectionStates();
    private final SectionChanges changes;
    private final SectionViews views;
    private final Path folder;
    private final PluginEngine engine;
    /** The checks of sections no Metatype definition describes (the logging section's), as they come and go. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<SectionCheck> checks = List.of();

    @Activate
    public Sections(BundleContext context, @Reference ConfigurationAdmin configurationAdmin,
            @Reference MetaTypeService metaTypeService, @Reference ServiceComponentRuntime scr,
            @Reference ChangeJournal journal, @Reference PluginEngine engine) {
        this.changes = new SectionChanges(context, metaTypeService, new SectionDelivery(configurationAdmin), states,
                new SectionRecorder(journal), engine::beforeReconfiguring, new DeliveryBarrier(context, configurationAdmin),
                pid -> checks.stream().filter(c -> c.pid().equals(pid)).findFirst());
        this.views = new SectionViews(new ComponentStates(scr));
        this.folder = RuntimeFolders.conf(context);
        this.engine = engine;
    }

    @Deactivate
    void deactivate() {
        changes.close();
    }

    Path folder() {
        return folder;
    }

    /**
     * Reads, validates and applies a section file.
     *
     * @param force deliver it to its components even if it says what already runs (a reload)
     */
    SectionResult apply(Path file, Trigger trigger, boolean force) {
        return changes.apply(file, trigger, force);
    }

    /** The section's file is gone: remove its configuration, if the file was where it came from. */
    void remove(Path file, Trigger trigger) {
        changes.remove(file, trigger);
    }

    /**
     * Applies the sections a check of the platform's own watches (the logging section) before FileInstall hands over
     * {@code conf/}. FileInstall reads {@code conf/} first on ConfigAdmin's own update thread, from which a section's
     * consumer (Pax Logging, a ManagedService) could not take the section until the read is over: its verdict would
     * never come in time. Applied here, on the thread that starts FileInstall, the first read finds them unchanged.
     */
    void applyOwnChecked() {
        try {
            for (SectionCheck check : checks) {
                Path file = folder.resolve(check.pid() + SectionFile.CFG);
                if (Files.isRegularFile(file)) {
                    apply(file, Trigger.FILE, false);
                }
            }
        } finally {
            engine.platformSectionsApplied(); // the plugins found at start wait for them
        }
    }

    /** Sections whose file was deleted while Kiln was stopped. */
    void removeOrphans() {
        changes.removeOrphans(folder);
    }

    @Override
    public List<SectionInfo> sections() {
        return states.all().stream().map(views::info).toList();
    }

    @Override
    public Optional<SectionInfo> section(String pid) {
        return states.get(pid).map(views::info);
    }

    @Override
    public SectionResult reload(String pid, Trigger trigger) {
        return apply(states.require(pid).section().file(), trigger, true);
    }

    @Override
    public List<SectionResult> reloadAll(Trigger trigger) {
        return states.all().stream().map(s -> apply(s.section().file(), trigger, true)).toList();
    }

    @Override
    public SectionResult set(String pid, String key, String value, Trigger trigger) {
        return set(pid, Map.of(key, value), trigger);
    }

    @Override
    public SectionResult set(String pid, Map<String, String> values, Trigger trigger) {
        return changes.set(states.require(pid).section(), values, trigger);
    }
}
