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

    @AttributeDefinition(description = "How long the class loader of a plugin's retired revision (the version before an "
            + "update or a rollback, an uninstalled plugin) may stay in memory before Kiln reports it as retained, in seconds.",
            min = "1")
    int retired_grace_seconds() default 30;

    @AttributeDefinition(description = "Whether Kiln asks the JVM for one full garbage collection before it reports a "
            + "retired revision as retained (a loader nothing holds may otherwise wait long for a collection). It asks only "
            + "when a grace period is over and the loader is still there.")
    boolean retired_gc_before_report() default true;

    @AttributeDefinition(description = "How long the threads a stopped plugin left running have to end once interrupted, "
            + "in all, in milliseconds; one still running then is reported as such.", min = "0")
    long leftover_thread_wait_millis() default 1000;
}
