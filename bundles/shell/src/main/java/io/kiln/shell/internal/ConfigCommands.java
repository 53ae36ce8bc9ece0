package io.kiln.shell.internal;

import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.kiln.runtime.api.ConfigService;
import io.kiln.runtime.api.SectionInfo;
import io.kiln.runtime.api.SectionResult;
import io.kiln.table.Table;

/**
 * {@code kiln:config-list}, {@code kiln:config-show PID}, {@code kiln:config-reload [PID]},
 * {@code kiln:config-set PID KEY VALUE}. Gogo cannot name a method with a hyphen: the commands arrive at
 * {@code _main} with their name first.
 */
@Component(service = ConfigCommands.class, property = { "osgi.command.scope=kiln", "osgi.command.function=config-list",
        "osgi.command.function=config-show", "osgi.command.function=config-reload", "osgi.command.function=config-set" })
public final class ConfigCommands {

    private static final String USAGE = "usage: config-list | config-show PID | config-reload [PID] | config-set PID KEY VALUE";

    private final ConfigService config;

    @Activate
    public ConfigCommands(@Reference ConfigService config) {
        this.config = config;
    }

    @Descriptor("configuration sections: config-list | config-show PID | config-reload [PID] | config-set PID KEY VALUE")
    public String _main(String command, String... args) {
        return switch (command + "/" + args.length) {
            case "config-list/0" -> list();
            case "config-show/1" -> show(args[0]);
            case "config-reload/0" -> Results.sections(config.reloadAll(PluginChangeCommands.TRIGGER).toArray(SectionResult[]::new));
            case "config-reload/1" -> Results.sections(config.reload(args[0], PluginChangeCommands.TRIGGER));
            case "config-set/3" -> Results.sections(config.set(args[0], args[1], args[2], PluginChangeCommands.TRIGGER));
            default -> throw new IllegalArgumentException(USAGE);
        };
    }

    private String list() {
        Table table = new Table("PID", "FILE", "STATE", "COMPONENTS", "REASON");
        for (SectionInfo s : config.sections()) {
            table.row(s.pid(), s.file(), s.state() + (s.validated() ? "" : " (no metatype)"), String.join(", ", s.components()),
                    s.reason().isEmpty() ? String.join("; ", s.warnings()) : s.reason());
        }
        return table.text();
    }

    private String show(String pid) {
        SectionInfo s = config.section(pid).orElseThrow(() -> new IllegalArgumentException("no section '" + pid + "'"));
        StringBuilder out = new StringBuilder();
        out.append("Section ").append(s.pid()).append(s.factoryPid().isEmpty() ? "" : " (factory " + s.factoryPid() + ")")
                .append(" from conf/").append(s.file()).append('\n');
        out.append("State: ").append(s.state()).append(s.reason().isEmpty() ? "" : ": " + s.reason()).append('\n');
        s.warnings().forEach(w -> out.append("Warning: ").append(w).append('\n'));
        out.append("Components: ").append(s.components().isEmpty() ? "none" : String.join(", ", s.components())).append('\n');
        out.append("Values in use:\n");
        for (Map.Entry<String, Object> entry : s.properties().entrySet()) {
            out.append("  ").append(entry.getKey()).append(" = ").append(entry.getValue()).append('\n');
        }
        return out.toString().stripTrailing();
    }
}
