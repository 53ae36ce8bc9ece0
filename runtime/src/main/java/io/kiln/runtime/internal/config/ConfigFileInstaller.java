package io.kiln.runtime.internal.config;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the {@code .cfg} and {@code .config} files FileInstall finds and delivers each to ConfigAdmin as one
 * section: {@code <pid>.cfg} as that PID, {@code <factoryPid>~<name>.cfg} as a named instance of a factory
 * configuration. A file that cannot be read is reported with its name and the cause, and the section keeps
 * its last good configuration.
 * <p>
 * A deleted file removes its section after a short grace period, so that an editor that saves by deleting and
 * recreating the file does not drop the configuration in between.
 */
@Component(service = ArtifactInstaller.class, property = { "kiln.role=config-installer", "service.ranking:Integer=100" })
public final class ConfigFileInstaller implements ArtifactInstaller {

    /** Marks a configuration as coming from a section file, by the file's name. */
    static final String SOURCE = "kiln.section.file";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigFileInstaller.class);
    private static final long DELETE_GRACE_MILLIS = 500;

    private final ConfigurationAdmin configurationAdmin;
    private final ScheduledExecutorService deletions = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kiln-section-deletions");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Path, ScheduledFuture<?>> pendingDeletions = new ConcurrentHashMap<>();

    @Activate
    public ConfigFileInstaller(BundleContext context, @Reference ConfigurationAdmin configurationAdmin) {
        this.configurationAdmin = configurationAdmin;
        String folder = context.getProperty("kiln.conf");
        if (folder != null && !folder.isBlank()) {
            removeOrphans(Path.of(folder.trim()));
        }
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
            return deletions.schedule(() -> delete(file), DELETE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        });
    }

    private void apply(Path file) {
        ScheduledFuture<?> pending = pendingDeletions.remove(file);
        if (pending != null) {
            pending.cancel(false);
        }
        try {
            SectionFile section = SectionFile.of(file);
            Dictionary<String, Object> values = section.read();
            values.put(SOURCE, section.fileName());
            Configuration configuration = configuration(section);
            if (configuration.updateIfDifferent(values)) {
                LOG.info("section {} applied from {}", section.configurationPid(), section.fileName());
            }
        } catch (SectionException e) {
            LOG.error("{}; the section keeps its last good configuration", e.getMessage());
        } catch (IOException e) {
            LOG.error("{}: ConfigAdmin cannot store it: {}", file.getFileName(), e.toString());
        }
    }

    private void delete(Path file) {
        pendingDeletions.remove(file);
        if (Files.exists(file)) {
            return;
        }
        try {
            SectionFile section = SectionFile.of(file);
            Configuration configuration = existing(section.configurationPid());
            if (configuration != null && section.fileName().equals(configuration.getProperties().get(SOURCE))) {
                configuration.delete();
                LOG.info("section {} removed with {}", section.configurationPid(), section.fileName());
            }
        } catch (SectionException | IOException e) {
            LOG.error("{}: cannot remove its section: {}", file.getFileName(), e.getMessage());
        }
    }

    private Configuration configuration(SectionFile section) throws IOException {
        return section.name().isPresent()
                ? configurationAdmin.getFactoryConfiguration(section.pid(), section.name().get(), "?")
                : configurationAdmin.getConfiguration(section.pid(), "?");
    }

    private Configuration existing(String pid) throws IOException {
        try {
            Configuration[] found = configurationAdmin.listConfigurations("(" + org.osgi.framework.Constants.SERVICE_PID + "=" + pid + ")");
            return found == null ? null : found[0];
        } catch (InvalidSyntaxException e) {
            throw new IOException("PID " + pid + " cannot be searched for: " + e.getMessage(), e);
        }
    }

    /** Sections whose file was deleted while Kiln was stopped. */
    private void removeOrphans(Path folder) {
        try {
            Configuration[] fromFiles = configurationAdmin.listConfigurations("(" + SOURCE + "=*)");
            if (fromFiles == null) {
                return;
            }
            for (Configuration configuration : fromFiles) {
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
}
