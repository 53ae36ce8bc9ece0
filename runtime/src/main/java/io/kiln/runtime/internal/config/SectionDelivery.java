package io.kiln.runtime.internal.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Hands sections to ConfigAdmin and takes them back. Each configuration from a section file carries the file's
 * name ({@link #SOURCE}), so that only what a file put there is ever removed with it.
 */
final class SectionDelivery {

    /** Marks a configuration as coming from a section file, by the file's name. */
    static final String SOURCE = "kiln.section.file";

    private final ConfigurationAdmin configurationAdmin;

    SectionDelivery(ConfigurationAdmin configurationAdmin) {
        this.configurationAdmin = configurationAdmin;
    }

    /**
     * @param force deliver it even if ConfigAdmin holds these values already
     * @return whether the section's components are told of a change
     */
    boolean deliver(SectionFile section, Dictionary<String, Object> values, boolean force) throws IOException {
        values.put(SOURCE, section.fileName());
        Configuration configuration = configuration(section);
        if (force) {
            configuration.update(values);
            return true;
        }
        return configuration.updateIfDifferent(values);
    }

    /** @return the values ConfigAdmin holds for the section now, if it holds any */
    Optional<Dictionary<String, Object>> current(SectionFile section) throws IOException {
        Configuration found = existing(section.configurationPid());
        return found == null ? Optional.empty() : Optional.ofNullable(found.getProperties());
    }

    /** Puts back what {@link #current} said: those values, or no configuration at all. */
    void restore(SectionFile section, Optional<Dictionary<String, Object>> previous) throws IOException {
        if (previous.isPresent()) {
            configuration(section).update(previous.get());
        } else {
            withdraw(section.configurationPid());
        }
    }

    /** Deletes the configuration with this PID, if there is one. */
    void withdraw(String pid) throws IOException {
        Configuration configuration = existing(pid);
        if (configuration != null) {
            configuration.delete();
        }
    }

    /** Deletes the section's configuration if its file is where it came from. @return whether it did */
    boolean removeIfFrom(SectionFile section) throws IOException {
        Configuration configuration = existing(section.configurationPid());
        if (configuration != null && section.fileName().equals(configuration.getProperties().get(SOURCE))) {
            configuration.delete();
            return true;
        }
        return false;
    }

    /** A configuration removed because its file is gone. */
    record Orphan(String pid, String file) {
    }

    /** Deletes the configurations whose section file is no longer in {@code folder}. @return what it deleted */
    List<Orphan> removeOrphans(Path folder, java.util.function.Predicate<String> kept) throws IOException, InvalidSyntaxException {
        List<Orphan> removed = new ArrayList<>();
        Configuration[] fromFiles = configurationAdmin.listConfigurations("(" + SOURCE + "=*)");
        for (Configuration configuration : fromFiles == null ? new Configuration[0] : fromFiles) {
            Object source = configuration.getProperties().get(SOURCE);
            if (source != null && !Files.exists(folder.resolve(source.toString())) && !kept.test(configuration.getPid())) {
                removed.add(new Orphan(configuration.getPid(), source.toString()));
                configuration.delete();
            }
        }
        return removed;
    }

    private Configuration configuration(SectionFile section) throws IOException {
        return section.name().isPresent()
                ? configurationAdmin.getFactoryConfiguration(section.pid(), section.name().get(), "?")
                : configurationAdmin.getConfiguration(section.pid(), "?");
    }

    private Configuration existing(String pid) throws IOException {
        try {
            Configuration[] found = configurationAdmin.listConfigurations(FilterValues.equal("service.pid", pid));
            return found == null ? null : found[0];
        } catch (InvalidSyntaxException e) {
            throw new IOException("PID " + pid + " cannot be searched for: " + e.getMessage(), e);
        }
    }
}
