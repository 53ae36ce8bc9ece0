package io.kiln.runtime.internal.config;

import io.kiln.runtime.api.Trigger;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Takes the {@code .cfg} and {@code .config} files FileInstall finds, rather than FileInstall's own installer
 * (which splits names at {@code -} and validates nothing), and hands them to {@link Sections}.
 * <p>
 * A deleted file removes its section after a short grace period, so that an editor that saves by deleting and
 * recreating the file does not drop the configuration in between.
 */
@Component(service = ArtifactInstaller.class, property = { "kiln.role=config-installer", "service.ranking:Integer=100" })
public final class ConfigFileInstaller implements ArtifactInstaller {

    static final Trigger TRIGGER = Trigger.FILE;
    private static final long DELETE_GRACE_MILLIS = 500;

    private final Sections sections;
    private final ScheduledExecutorService deletions = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kiln-section-deletions");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Path, ScheduledFuture<?>> pendingDeletions = new ConcurrentHashMap<>();

    @Activate
    public ConfigFileInstaller(@Reference Sections sections) {
        this.sections = sections;
        sections.removeOrphans();
        sections.applyOwnChecked();
    }

    @Deactivate
    void deactivate() {
        deletions.shutdownNow();
    }

    @Override
    public boolean canHandle(File artifact) {
        return SectionFile.isSection(artifact.toPath());
    }

    @Override
    public void install(File artifact) {
        apply(artifact.toPath());
    }

    @Override
    public void update(File artifact) {
        apply(artifact.toPath());
    }

    @Override
    public void uninstall(File artifact) {
        Path file = artifact.toPath();
        pendingDeletions.compute(file, (f, pending) -> {
            if (pending != null) {
                pending.cancel(false);
            }
            return deletions.schedule(() -> {
                pendingDeletions.remove(file);
                sections.remove(file, TRIGGER);
            }, DELETE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        });
    }

    private void apply(Path file) {
        ScheduledFuture<?> pending = pendingDeletions.remove(file);
        if (pending != null) {
            pending.cancel(false);
        }
        sections.apply(file, TRIGGER, false);
    }
}
