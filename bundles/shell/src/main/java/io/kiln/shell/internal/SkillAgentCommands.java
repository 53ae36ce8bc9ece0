package io.kiln.shell.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.kiln.runtime.api.AgentInfo;
import io.kiln.runtime.api.AgentService;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.SectionResult;
import io.kiln.runtime.api.SkillInfo;
import io.kiln.runtime.api.SkillService;
import io.kiln.table.Table;

/**
 * {@code kiln:skills}, {@code kiln:skill-reload [NAME]}, {@code kiln:agents},
 * {@code kiln:agent-reload ID [--prompt TEXT] [--capabilities a,b]}.
 */
@Component(service = SkillAgentCommands.class, property = { "osgi.command.scope=kiln", "osgi.command.function=skills",
        "osgi.command.function=skill-reload", "osgi.command.function=agents", "osgi.command.function=agent-reload" })
public final class SkillAgentCommands {

    private static final String USAGE = "usage: skills | skill-reload [NAME] | agents | agent-reload ID [--prompt TEXT] [--capabilities a,b]";

    private final SkillService skills;
    private final AgentService agents;

    @Activate
    public SkillAgentCommands(@Reference SkillService skills, @Reference AgentService agents) {
        this.skills = skills;
        this.agents = agents;
    }

    @Descriptor("skills and agents: skills | skill-reload [NAME] | agents | agent-reload ID [--prompt TEXT] [--capabilities a,b]")
    public String _main(String command, String... args) {
        return switch (command) {
            case "skills" -> skillTable(skills.skills(), false);
            case "skill-reload" -> args.length == 0 ? skillTable(skills.reloadAll(PluginChangeCommands.TRIGGER), true)
                    : args.length == 1 ? skillTable(List.of(skills.reload(args[0], PluginChangeCommands.TRIGGER)), true) : usage();
            case "agents" -> agentTable();
            case "agent-reload" -> agentReload(args);
            default -> usage();
        };
    }

    private static String usage() {
        throw new IllegalArgumentException(USAGE);
    }

    private static String skillTable(List<SkillInfo> list, boolean failOnRefusal) {
        Table table = new Table("NAME", "VERSION", "STATE", "DESCRIPTION", "REASON");
        list.forEach(s -> table.row(s.name(), s.version(), s.state() + (s.published() ? "" : " (not published)"), s.description(), s.reason()));
        boolean refused = list.stream().anyMatch(s -> s.state() == Outcome.REJECTED);
        return Results.orFail(table.text(), !(failOnRefusal && refused));
    }

    private String agentTable() {
        Table table = new Table("ID", "READY", "CAPABILITIES", "MISSING", "PROMPT");
        for (AgentInfo a : agents.agents()) {
            String prompt = a.prompt().length() > 60 ? a.prompt().substring(0, 57) + "..." : a.prompt();
            table.row(a.id(), a.ready() ? "yes" : "no", String.join(", ", a.capabilities()), String.join(", ", a.missing()), prompt);
        }
        return table.text();
    }

    private String agentReload(String[] args) {
        if (args.length == 0) {
            return usage();
        }
        String id = args[0];
        String prompt = null;
        List<String> capabilities = null;
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        while (!rest.isEmpty()) {
            String option = rest.remove(0);
            if (rest.isEmpty()) {
                return usage();
            }
            switch (option) {
                case "--prompt" -> prompt = rest.remove(0);
                case "--capabilities" -> capabilities = Arrays.stream(rest.remove(0).split(",")).map(String::trim)
                        .filter(c -> !c.isEmpty()).toList();
                default -> {
                    return usage();
                }
            }
        }
        SectionResult result = agents.reload(id, prompt, capabilities, PluginChangeCommands.TRIGGER);
        String text = "agent " + id + " (" + result.file() + "): " + result.outcome() + (result.error().isEmpty() ? "" : "\n  " + result.error());
        return Results.orFail(text, result.succeeded());
    }
}
