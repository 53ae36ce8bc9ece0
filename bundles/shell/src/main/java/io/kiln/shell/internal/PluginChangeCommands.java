package io.kiln.shell.internal;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.kiln.runtime.api.ChangeResult;
import io.kiln.runtime.api.PluginService;
import io.kiln.runtime.api.ReloadSummary;
import io.kiln.runtime.api.Trigger;

/** {@code kiln:install}, {@code kiln:uninstall}, {@code kiln:reload}, {@code kiln:enable}, {@code kiln:disable}, {@code kiln:rollback}. */
@Component(service = PluginChangeCommands.class, property = { "osgi.command.scope=kiln",
        "osgi.command.function=install", "osgi.command.function=uninstall",
        "osgi.command.function=reload", "osgi.command.function=enable", "osgi.command.function=disable",
        "osgi.command.function=rollback" })
public final class PluginChangeCommands {

    static final Trigger TRIGGER = Trigger.SHELL;

    private final PluginService plugins;

    @Activate
    public PluginChangeCommands(@Reference PluginService plugins) {
        this.plugins = plugins;
    }

    @Descriptor("installs a plugin jar, or updates the plugin it is a build of; once live it is written into hot/")
    public String install(@Descriptor("the jar's path") String jar) {
        return outcome(plugins.install(java.nio.file.Path.of(jar).toAbsolutePath(), "", TRIGGER));
    }

    @Descriptor("stops and uninstalls a plugin and deletes its file from hot/")
    public String uninstall(@Descriptor("the plugin's name") String name) {
        return outcome(plugins.uninstall(name, TRIGGER));
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

    @Descriptor("returns a plugin to an earlier build Kiln keeps (kiln:show NAME lists them with their ids)")
    public String rollback(@Descriptor("the plugin's name") String name,
            @Descriptor("the build's id (as 4-1f2e3d4c) or its version") String version) {
        return outcome(plugins.rollback(name, version, TRIGGER));
    }

    private static String outcome(ChangeResult result) {
        return Results.orFail(Results.line(result), result.succeeded());
    }
}
