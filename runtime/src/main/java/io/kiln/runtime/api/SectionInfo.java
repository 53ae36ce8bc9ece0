package io.kiln.runtime.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A configuration section as it is now.
 *
 * @param pid        the PID ConfigAdmin knows it by ({@code factoryPid~name} for a factory instance)
 * @param factoryPid the factory PID for a factory instance, else empty
 * @param file       the section's file name in {@code conf/}
 * @param state      {@link Outcome#APPLIED} when its file is what the components run on, {@link Outcome#REJECTED}
 *                   when its file was refused (the components keep the last good configuration)
 * @param reason     why it was refused; empty when applied
 * @param warnings   what was applied but looks wrong (unknown keys)
 * @param validated  whether a Metatype definition was found to check it against
 * @param properties the configuration the components run on (last good), with placeholders resolved
 * @param components the DS components bound to it, each as {@code name (STATE)}
 * @param changed    when it was last applied or refused
 */
public record SectionInfo(String pid, String factoryPid, String file, Outcome state, String reason, List<String> warnings,
        boolean validated, Map<String, Object> properties, List<String> components, Instant changed) {

    public SectionInfo {
        warnings = List.copyOf(warnings);
        properties = Map.copyOf(properties);
        components = List.copyOf(components);
    }
}
