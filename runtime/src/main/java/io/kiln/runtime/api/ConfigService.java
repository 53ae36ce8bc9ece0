package io.kiln.runtime.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Operates the configuration sections of a running Kiln: one ConfigAdmin PID each, from
 * {@code conf/<pid>.cfg} or, for one instance of a factory configuration, {@code conf/<factoryPid>~<name>.cfg}.
 * <p>
 * Every change is validated against the section's Metatype definition before it is applied; a refused change
 * leaves the section's components on their last good configuration. Changes are recorded in the history that
 * {@link PluginService#history(int)} lists. Methods taking a PID throw {@link UnknownSectionException} for a PID
 * that has no section file.
 */
@ProviderType
public interface ConfigService {

    /** @return every section, sorted by PID */
    List<SectionInfo> sections();

    /** @return the section with this PID ({@code pid} or {@code factoryPid~name}), if there is one */
    Optional<SectionInfo> section(String pid);

    /**
     * Reads the section's file again, validates it and delivers it to its components, even if it did not change.
     *
     * @return how it ended
     */
    SectionResult reload(String pid, Trigger trigger);

    /** Reloads every section; @return one result each */
    List<SectionResult> reloadAll(Trigger trigger);

    /**
     * Changes one value: validates the section with the new value, applies it, and writes it to the section's
     * file (atomically, keeping its comments and the order of its keys). Nothing is written if it is refused.
     *
     * @param value the value as it would appear in the file; {@code ${env:NAME}} and {@code ${prop:NAME}} are
     *              kept as written and resolved when applied
     * @return how it ended
     */
    SectionResult set(String pid, String key, String value, Trigger trigger);

    /**
     * Changes several values as one change: validates the section with all of them, applies it and writes them to
     * the section's file at once. If it is refused, none of them is written.
     *
     * @param values each key's value as it would appear in the file; keys not in the file yet are added in this
     *               map's order
     * @return how it ended
     */
    SectionResult set(String pid, Map<String, String> values, Trigger trigger);
}
