package io.kiln.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;

import io.kiln.itests.support.KilnFolders;
import io.kiln.itests.support.KilnTestSupport;
import io.kiln.runtime.api.AgentService;
import io.kiln.runtime.api.SkillService;

/**
 * The helpdesk sample answers through an agent and its skills. Four threads ask it without pause while the skill's
 * {@code SKILL.md} and the agent's section are edited again and again: every answer comes from the skill, never
 * "no agent", "not ready" or "none of my skills". A skill's new version is published before the old one is
 * withdrawn, and an agent's section applies in place, so neither is ever missing.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HelpdeskThroughReloadsIT extends KilnTestSupport {

    private static final String HELPDESK = "kiln-sample-helpdesk.jar";
    private static final int EDITS = 10;
    private static final Pattern FROM_THE_SKILL = Pattern.compile("\\[desk\\] summarize 1\\.\\d+: Summarize (.*) well\\.");

    @Inject
    private SkillService skills;

    @Inject
    private AgentService agents;

    @Configuration
    public Option[] configuration() throws IOException {
        KilnFolders folders = KilnFolders.create(HelpdeskThroughReloadsIT.class);
        stageSamplePlugins(folders, HELPDESK);
        return kilnOptions(folders);
    }

    @Test
    public void everyAnswerComesFromTheSkillWhileTheSkillAndTheAgentAreReloaded() throws Exception {
        writeSkill(0);
        writeIn(folders().conf().resolve("kiln.agent~desk.cfg"), agentSection(0));
        deploy(HELPDESK);
        ServiceReference<?> reference = await().until(() -> context.getServiceReferences("io.kiln.sample.helpdesk.Helpdesk", null),
                java.util.Objects::nonNull)[0];
        Object helpdesk = context.getService(reference);
        Method answer = helpdesk.getClass().getMethod("answer", String.class, String.class);
        await().until(() -> FROM_THE_SKILL.matcher(ask(answer, helpdesk)).matches());
        Object agentId = agentServiceId();

        AtomicBoolean asking = new AtomicBoolean(true);
        AtomicLong answers = new AtomicLong();
        Queue<String> wrong = new ConcurrentLinkedQueue<>();
        List<Thread> askers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread asker = new Thread(() -> {
                while (asking.get()) {
                    String said = ask(answer, helpdesk);
                    if (!FROM_THE_SKILL.matcher(said).matches()) {
                        wrong.add(said);
                    }
                    answers.incrementAndGet();
                }
            }, "asker-" + t);
            askers.add(asker);
            asker.start();
        }
        try {
            for (int k = 1; k <= EDITS; k++) {
                int edit = k;
                writeSkill(edit);
                await().until(() -> skills.skills().stream().anyMatch(s -> s.name().equals("summarize") && s.version().equals("1." + edit)));
                writeIn(folders().conf().resolve("kiln.agent~desk.cfg"), agentSection(edit));
                await().until(() -> agents.agents().stream().anyMatch(a -> a.id().equals("desk") && a.prompt().equals("Help, take " + edit + ".")));
                long before = answers.get();
                await().until(() -> answers.get() > before + 4);
            }
        } finally {
            asking.set(false);
            for (Thread asker : askers) {
                asker.join();
            }
            context.ungetService(reference);
        }
        assertTrue("answers not from the skill: " + wrong.stream().distinct().limit(5).toList(), wrong.isEmpty());
        assertTrue("answers: " + answers.get(), answers.get() > EDITS * 8L);
        assertEquals("the agent was configured in place, never re-created", agentId, agentServiceId());
    }

    private Object agentServiceId() throws org.osgi.framework.InvalidSyntaxException {
        return context.getServiceReferences(io.kiln.api.agent.Agent.class, "(service.pid=kiln.agent~desk)").iterator().next()
                .getProperty(org.osgi.framework.Constants.SERVICE_ID);
    }

    private static String ask(Method answer, Object helpdesk) {
        try {
            return (String) answer.invoke(helpdesk, "desk", "please summarize this");
        } catch (ReflectiveOperationException e) {
            return "the call failed: " + e.getCause();
        }
    }

    private void writeSkill(int edit) throws IOException {
        Path folder = Files.createDirectories(folders().home().resolve("skills/summarize"));
        writeIn(folder.resolve("SKILL.md"), "---\nname: summarize\ndescription: Summarizes.\nversion: \"1." + edit
                + "\"\ntriggers: [summarize]\n---\nSummarize take " + edit + " well.\n");
    }

    private static String agentSection(int edit) {
        return "prompt = Help, take " + edit + ".\ncapabilities = summarize\n";
    }
}
