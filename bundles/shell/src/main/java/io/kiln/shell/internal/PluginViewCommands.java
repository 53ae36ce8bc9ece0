package io.kiln.shell.internal;

import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.kiln.runtime.api.ConfigService;
import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.PluginInfo;
import io.kiln.runtime.api.PluginService;
import io.kiln.runtime.api.RuntimeStatus;
import io.kiln.runtime.api.SectionInfo;
import io.kiln.runtime.api.SkillInfo;
import io.kiln.runtime.api.SkillService;
import io.kiln.table.Table;
import io.kiln.table.Times;

/** {@code kiln:list}, {@code kiln:status}, {@code kiln:history}: what runs and what happened. */
@Component(service = PluginViewCommands.class, property = { "osgi.command.scope=kiln",
        "osgi.command.function=list", "osgi.command.function=status", "osgi.command.function=history" })
public final class PluginViewCommands {

    private final PluginService plugins;
    private final ConfigService config;
    private final SkillService skills;

    @Activate
    public PluginViewCommands(@Reference PluginService plugins, @Reference ConfigService config, @Reference SkillService skills) {
        this.plugins = plugins;
        this.config = config;
        this.skills = skills;
    }

    @Descriptor("lists the plugins: name, version, state, file and how their last change ended")
    public String list() {
        Table table = new Table("NAME", "VERSION", "STATE", "ENABLED", "FILE", "LAST CHANGE");
        for (PluginInfo p : plugins.list()) {
            table.row(p.name(), p.version(), p.degraded() ? "DEGRADED" : p.state(), p.enabled() ? "yes" : "no", p.file(),
                    p.lastResult() == null ? "" : p.lastResult() + (p.lastError().isEmpty() ? "" : ": " + p.lastError().lines().findFirst().orElse("")));
        }
        StringBuilder out = new StringBuilder(table.text()).append('\n');
        plugins.list().stream().filter(PluginInfo::degraded)
                .forEach(p -> out.append(p.name()).append(" is degraded (").append(p.state()).append("): ")
                        .append(String.join("; ", p.problems())).append('\n'));
        return out.toString().stripTrailing();
    }

    @Descriptor("shows what runs, which files were refused and why, any plugin stuck in its activator, what was recovered at the last start, and retired revisions still in memory")
    public String status() {
        RuntimeStatus status = plugins.status();
        StringBuilder out = new StringBuilder();
        out.append("Plugins: ").append(status.plugins()).append(" (").append(status.active()).append(" active, ").append(status.degraded()).append(" degraded, ")
                .append(status.disabled()).append(" disabled)\n");
        if (status.rejected().isEmpty()) {
            out.append("Rejected files: none\n");
        } else {
            Table table = new Table("FILE", "PLUGIN", "SINCE", "REASON");
            status.rejected().forEach(r -> table.row(r.file(), r.plugin(), Times.moment(r.time()), r.reason().lines().findFirst().orElse("")));
            out.append("Rejected files:\n").append(table);
        }
        List<SectionInfo> refused = config.sections().stream().filter(s -> s.state() == Outcome.REJECTED).toList();
        if (refused.isEmpty()) {
            out.append("Rejected sections: none\n");
        } else {
            Table table = new Table("FILE", "PID", "SINCE", "REASON");
            refused.forEach(s -> table.row(s.file(), s.pid(), Times.moment(s.changed()), s.reason()));
            out.append("Rejected sections (their components keep the last good configuration, unless the reason says otherwise):\n").append(table);
        }
        List<SkillInfo> refusedSkills = skills.skills().stream().filter(s -> s.state() == Outcome.REJECTED).toList();
        if (refusedSkills.isEmpty()) {
            out.append("Rejected skills: none\n");
        } else {
            Table table = new Table("FILE", "SKILL", "SINCE", "REASON");
            refusedSkills.forEach(s -> table.row(s.file(), s.name(), Times.moment(s.changed()), s.reason().lines().findFirst().orElse("")));
            out.append("Rejected skills (a refused change keeps the last good version published):\n").append(table);
        }
        out.append("Stuck: ").append(status.stuck().isEmpty() ? "none" : "\n  " + String.join("\n  ", status.stuck())).append('\n');
        out.append("Recovered at the last start:").append(status.recovered().isEmpty() ? " nothing to recover"
                : "\n  " + String.join("\n  ", status.recovered())).append('\n');
        if (status.retained().isEmpty()) {
            out.append("Retained revisions: none");
        } else {
            out.append("Retained revisions (retired, still in memory):");
            status.retained().forEach(r -> out.append("\n  ").append(r.plugin()).append(' ').append(r.version()).append(", retired ")
                    .append(Times.moment(r.retired())).append(", held by: ").append(String.join("; ", r.holders())));
        }
        return out.toString();
    }

    @Descriptor("shows the latest changes, newest first")
    public String history(@Descriptor("how many (default 20)") int limit) {
        List<HistoryEntry> entries = plugins.history(limit);
        Table table = new Table("TIME", "KIND", "NAME", "ACTION", "FROM", "TO", "RESULT", "MS", "REFRESHED", "RESTARTED", "BY", "ERROR");
        for (HistoryEntry e : entries) {
            table.row(Times.moment(e.time()), e.subject().label(), e.name(), e.action().label(), e.fromVersion(), e.toVersion(),
                    e.outcome(), e.durationMillis(), count(e.refreshed()), count(e.restarted()), e.trigger().label(),
                    e.error().lines().findFirst().orElse(""));
        }
        StringBuilder out = new StringBuilder(table.text()).append('\n');
        for (HistoryEntry e : entries) {
            e.dependents().forEach(d -> out.append(Times.moment(e.time())).append(' ').append(e.name()).append(": ")
                    .append(Results.dependent(d)).append('\n'));
            e.leftovers().forEach(l -> out.append(Times.moment(e.time())).append(' ').append(e.name()).append(": left behind ")
                    .append(l.text()).append('\n'));
        }
        return out.toString().stripTrailing();
    }

    /** "?" for an entry recorded before Kiln counted what a change refreshed and restarted. */
    private static String count(int count) {
        return count == HistoryEntry.UNKNOWN ? "?" : Integer.toString(count);
    }

    @Descriptor("shows the latest 20 changes, newest first")
    public String history() {
        return history(20);
    }
}
