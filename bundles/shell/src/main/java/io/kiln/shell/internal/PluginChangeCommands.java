package io.kiln.shell.internal;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.kiln.runtime.api.ChangeResult;
import io.kiln.runtime.api.PluginService;
import io.kiln.runtime.api.ReloadSummary;

/** {@code kiln:reload}, {@code kiln:enable}, {@code kiln:disable}, {@code kiln:rollback}. */
@Component(service = PluginChangeCommands.class, property = { "osgi.command.scope=kiln",
        "osgi.command.function=reload", "osgi.command.function=enable", "osgi.command.function=disable",
        "osgi.command.function=rollback" })
public final class PluginChangeCommands {

    static final String TRIGGER = "shell";

    private final PluginService plugins;

    @Activate
    public PluginChangeCommands(@Reference PluginService plugins) {
        this.plugins = plugins;
    }

    @Descriptor("reloads a plugin (stop, refresh, start, state handed over) and the plugins that depend on it, in dependency order")
    public String reload(
            @Descriptor("reload only this plugin, not its dependents")
            @Parameter(names = { "-o", "--only" }, presentValue = "true", absentValue = "false") boolean only,
            @Descriptor("first reload the plugins it depends on")
            @Parameter(names = { "-d", "--dependencies" }, presentValue = "true", absentValue = "false") boolean dependencies,
            @Descriptor("the plugin's name (its bundle symbolic name)") String name) {
        ReloadSummary summary = plugins.reload(name, !only, dependencies, TRIGGER);
        return Results.orFail(Results.summary(summary), summary.failed() == 0);
    }

    @Descriptor("starts a disabled plugin; it stays enabled across restarts")
    public String enable(@Descriptor("the plugin's name") String name) {
        return outcome(plugins.enable(name, TRIGGER));
    }

    @Descriptor("stops a plugin without deleting its file; it stays disabled across restarts")
    public String disable(@Descriptor("the plugin's name") String name) {
        return outcome(plugins.disable(name, TRIGGER));
    }

    @Descriptor("returns a plugin to the version before the current one")
    public String rollback(@Descriptor("the plugin's name") String name) {
        return outcome(plugins.rollback(name, null, TRIGGER));
    }

    @Descriptor("returns a plugin to an earlier version Kiln keeps (kiln:list shows none; kiln:rollback without a version takes the previous)")
    public String rollback(@Descriptor("the plugin's name") String name, @Descriptor("the version to return to") String version) {
        return outcome(plugins.rollback(name, version, TRIGGER));
    }

    private static String outcome(ChangeResult result) {
        return Results.orFail(Results.line(result), result.succeeded());
    }
}
