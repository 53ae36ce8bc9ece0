package io.kiln.runtime.internal.deploy;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The reload engine's settings: section {@code kiln.runtime}; a change applies to the next transaction, the thread count at the next start. */
@ObjectClassDefinition(name = "Kiln runtime", description = "Timeouts and limits of the reload engine.")
public @interface RuntimeConfiguration {

    String PID = "kiln.runtime";

    @AttributeDefinition(description = "How long a plugin's start or stop (its activator, its components' "
            + "@Activate and @Deactivate) may take before it counts as stuck, in milliseconds.", min = "100")
    long lifecycle_timeout_millis() default 5000;

    @AttributeDefinition(description = "How long a plugin may take to settle after a change (components "
            + "activated, references bound) before the change counts as failed, in milliseconds.", min = "0")
    long verify_timeout_millis() default 3000;

    @AttributeDefinition(description = "How long a call to a plugin's service, from another plugin, may wait while the "
            + "plugin is swapped (updated, reloaded or rolled back) before it fails with a ReloadInProgressException, "
            + "in milliseconds.", min = "0")
    long calls_wait_millis() default 5000;

    @AttributeDefinition(description = "How long a swap waits for the calls already running on the plugin's old "
            + "version to return before it stops that version anyway, in milliseconds.", min = "0")
    long calls_drain_millis() default 5000;

    @AttributeDefinition(description = "How many earlier versions of each plugin are kept for rollback.", min = "1")
    int versions_kept() default 3;

    @AttributeDefinition(description = "How many changes the history keeps.", min = "10")
    int history_size() default 1000;

    @AttributeDefinition(description = "How many file transactions may run at once, each on a different plugin. "
            + "Felix resolves under one global lock, which concurrent installs fail to take: keep 1.", min = "1")
    int transaction_threads() default 1;
}
