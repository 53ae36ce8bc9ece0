package io.kiln.shell.internal;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.kiln.runtime.api.PluginService;
import io.kiln.runtime.api.ReloadSummary;

/** {@code kiln:reload-all}. Gogo cannot name a method with a hyphen, so the command is this class's {@code _main}. */
@Component(service = ReloadAllCommand.class, property = { "osgi.command.scope=kiln", "osgi.command.function=reload-all" })
public final class ReloadAllCommand {

    private final PluginService plugins;

    @Activate
    public ReloadAllCommand(@Reference PluginService plugins) {
        this.plugins = plugins;
    }

    @Descriptor("reloads every enabled plugin in dependency order and counts successes and failures")
    public String _main(String command) {
        ReloadSummary summary = plugins.reloadAll(PluginChangeCommands.TRIGGER);
        return Results.orFail(Results.summary(summary), summary.failed() == 0);
    }
}
