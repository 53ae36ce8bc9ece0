package io.kiln.runtime.internal.config;

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
import org.osgi.service.component.annotations.ReferencePolicyOption;
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
    private final List<String> ownCheckedPids;

    @Activate
    public Sections(BundleContext context, @Reference ConfigurationAdmin configurationAdmin,
            @Reference MetaTypeService metaTypeService, @Reference ServiceComponentRuntime scr,
            @Reference ChangeJournal journal, @Reference PluginEngine engine,
            @Reference(cardinality = ReferenceCardinality.AT_LEAST_ONE, policyOption = ReferencePolicyOption.GREEDY) List<SectionCheck> checks) {
        this.changes = new SectionChanges(context, metaTypeService, new SectionDelivery(configurationAdmin), states,
                new SectionRecorder(journal), engine::beforeReconfiguring, new DeliveryBarrier(context, configurationAdmin),
                pid -> checks.stream().filter(c -> c.pid().equals(pid)).findFirst());
        this.views = new SectionViews(new ComponentStates(scr));
        this.folder = RuntimeFolders.conf(context);
        this.ownCheckedPids = checks.stream().map(SectionCheck::pid).toList();
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
     * Applies, before FileInstall hands over {@code conf/}, the sections a check of the platform's own watches (the
     * logging section), so that everything after them, start-up included, runs as they say.
     */
    void applyOwnChecked() {
        for (String pid : ownCheckedPids) {
            Path file = folder.resolve(pid + SectionFile.CFG);
            if (java.nio.file.Files.isRegularFile(file)) {
                apply(file, Trigger.FILE, false);
            }
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
