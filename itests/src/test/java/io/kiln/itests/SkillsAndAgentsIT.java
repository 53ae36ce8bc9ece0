package io.kiln.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import io.kiln.api.agent.Agent;
import io.kiln.api.skill.Skill;
import io.kiln.itests.support.KilnFolders;
import io.kiln.itests.support.KilnTestSupport;
import io.kiln.runtime.api.Trigger;
import io.kiln.runtime.api.AgentService;
import io.kiln.runtime.api.ConfigService;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.SectionResult;
import io.kiln.runtime.api.SkillInfo;
import io.kiln.runtime.api.SkillService;

/**
 * Skills are published from {@code skills/<name>/SKILL.md} and follow every save; agents are factory sections
 * whose readiness follows the skills they need.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SkillsAndAgentsIT extends KilnTestSupport {

    @Inject
    private SkillService skillService;

    @Inject
    private ConfigService config;

    @Inject
    private AgentService agentService;

    @Configuration
    public Option[] configuration() throws IOException {
        return kilnOptions(KilnFolders.create(SkillsAndAgentsIT.class));
    }

    private Path skillsFolder() {
        return folders().home().resolve("skills");
    }

    private void writeSkill(String folder, String name, String version) throws IOException {
        writeSkillText(folder, "---\nname: " + name + "\ndescription: The " + name + " skill.\nversion: " + version
                + "\ntriggers: [" + name + "]\n---\nDo " + name + " well.\n");
    }

    private void writeSkillText(String folder, String text) throws IOException {
        Path dir = Files.createDirectories(skillsFolder().resolve(folder));
        writeIn(dir.resolve("SKILL.md"), text);
    }

    private Collection<ServiceReference<Skill>> skills(String name) throws InvalidSyntaxException {
        return context.getServiceReferences(Skill.class, "(" + Skill.NAME + "=" + name + ")");
    }

    private String publishedVersion(String name) throws InvalidSyntaxException {
        Collection<ServiceReference<Skill>> found = skills(name);
        assertTrue("at most one version of " + name + " published: " + found, found.size() <= 1);
        return found.isEmpty() ? null : (String) found.iterator().next().getProperty(Skill.VERSION);
    }

    private SkillInfo info(String name) {
        return skillService.skills().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    public void aSkillIsPublishedRepublishedOnEditAndWithdrawnOnDelete() throws Exception {
        awaitStartupProcessed();
        writeSkill("alpha", "alpha", "1.0");
        await().untilAsserted(() -> assertEquals("1.0", publishedVersion("alpha")));
        ServiceReference<Skill> first = skills("alpha").iterator().next();
        Skill skill = context.getService(first);
        assertEquals("Do alpha well.", skill.body());
        assertEquals(List.of("alpha"), skill.triggers());
        context.ungetService(first);

        writeSkill("alpha", "alpha", "2.0");
        await().untilAsserted(() -> assertEquals("2.0", publishedVersion("alpha")));

        Files.delete(skillsFolder().resolve("alpha/SKILL.md"));
        await().untilAsserted(() -> assertTrue(skills("alpha").isEmpty()));
    }

    @Test
    public void malformedFrontMatterIsRefusedAndThePreviousVersionStays() throws Exception {
        writeSkill("beta", "beta", "1.0");
        await().untilAsserted(() -> assertEquals("1.0", publishedVersion("beta")));

        writeSkillText("beta", "---\nname: beta\ndescription: [unclosed\n---\nbody\n");
        await().untilAsserted(() -> assertEquals(Outcome.REJECTED, info("beta").state()));
        assertTrue(info("beta").reason(), info("beta").reason().startsWith("skills/beta/SKILL.md: the front matter is not valid YAML"));
        assertEquals("1.0", publishedVersion("beta"));

        writeSkillText("beta", "no front matter at all\n");
        await().untilAsserted(() -> assertEquals("skills/beta/SKILL.md: no front matter: the file must start with a line '---'",
                info("beta").reason()));
        assertEquals("1.0", publishedVersion("beta"));
    }

    @Test
    public void aNameThatDoesNotMatchItsFolderIsRefused() throws Exception {
        writeSkill("gamma", "gamma", "1.0");
        await().untilAsserted(() -> assertEquals("1.0", publishedVersion("gamma")));
        writeSkill("gamma", "delta", "2.0");
        await().untilAsserted(() -> assertEquals("skills/gamma/SKILL.md: name 'delta' does not match its folder 'gamma'",
                info("gamma").reason()));
        assertEquals("1.0", publishedVersion("gamma"));
        assertTrue(skills("delta").isEmpty());
    }

    @Test
    public void anAgentBecomesReadyWhenItsSkillAppearsWithoutBeingReloaded() throws Exception {
        writeSkill("search", "search", "1.0");
        writeIn(folders().conf().resolve("kiln.agent~scout.cfg"), "prompt = Find things.\ncapabilities = search, rank\n");
        ServiceReference<Agent> reference = await().until(() -> context.getServiceReferences(Agent.class, null).stream()
                .filter(r -> "kiln.agent~scout".equals(r.getProperty("service.pid"))).findFirst().orElse(null), java.util.Objects::nonNull);
        Agent agent = context.getService(reference);
        await().untilAsserted(() -> assertEquals(List.of("rank"), agent.missing()));
        assertFalse(agent.isReady());

        writeSkill("rank", "rank", "1.0");
        await().untilAsserted(() -> assertTrue("ready once rank is published", agent.isReady()));
        assertEquals("the same agent, not reloaded", reference.getProperty("service.id"),
                context.getServiceReferences(Agent.class, "(service.pid=kiln.agent~scout)").iterator().next().getProperty("service.id"));

        Files.delete(skillsFolder().resolve("rank/SKILL.md"));
        await().untilAsserted(() -> assertEquals(List.of("rank"), agent.missing()));
        context.ungetService(reference);
    }

    @Test
    public void anAgentWithoutPromptIsRefused() throws Exception {
        writeIn(folders().conf().resolve("kiln.agent~mute.cfg"), "capabilities = search\n");
        await().untilAsserted(() -> {
            assertNotNull(config.section("kiln.agent~mute").orElse(null));
            assertEquals("kiln.agent~mute.cfg: missing required value 'prompt' (text)", config.section("kiln.agent~mute").get().reason());
        });
        assertTrue(context.getServiceReferences(Agent.class, "(service.pid=kiln.agent~mute)").isEmpty());
    }

    @Test
    public void aListenerThatAsksForTheSkillsOnAnotherThreadDoesNotBlockThePublish() throws Exception {
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        // as a component activated by the new skill may do, on a thread of its own, while the publish waits for it
        org.osgi.framework.ServiceListener listener = event -> {
            try {
                other.submit(skillService::skills).get(3, java.util.concurrent.TimeUnit.SECONDS);
                seen.add("answered");
            } catch (java.util.concurrent.TimeoutException e) {
                seen.add("blocked");
            } catch (Exception e) {
                seen.add(e.toString());
            }
        };
        context.addServiceListener(listener, "(&(objectClass=" + Skill.class.getName() + ")(" + Skill.NAME + "=echo))");
        try {
            writeSkill("echo", "echo", "1.0");
            await().untilAsserted(() -> assertEquals(List.of("answered"), seen));
            assertEquals("1.0", publishedVersion("echo"));
        } finally {
            context.removeServiceListener(listener);
            other.shutdownNow();
        }
    }

    @Test
    public void anAgentChangeIsAppliedWholeOrNotAtAll() throws Exception {
        Path file = folders().conf().resolve("kiln.agent~clerk.cfg");
        writeIn(file, "prompt = File things.\ncapabilities = search\n");
        // the section may not be read yet at the first look: absent is "not yet", not an error
        await().untilAsserted(() -> assertEquals(java.util.Optional.of(Outcome.APPLIED),
                config.section("kiln.agent~clerk").map(section -> section.state())));
        String before = Files.readString(file);

        SectionResult refused = agentService.reload("clerk", "Shred things.", List.of("${env:KILN_ITEST_NOT_SET}"), Trigger.SHELL);
        assertEquals(Outcome.REJECTED, refused.outcome());
        assertEquals("kiln.agent~clerk.cfg: capabilities: ${env:KILN_ITEST_NOT_SET} is not set", refused.error());
        assertEquals("neither the prompt nor the capabilities written", before, Files.readString(file));
        assertEquals("File things.", agent("clerk").prompt());

        SectionResult applied = agentService.reload("clerk", "Sort things.", List.of("search", "rank"), Trigger.SHELL);
        assertEquals(applied.error(), Outcome.APPLIED, applied.outcome());
        await().untilAsserted(() -> {
            assertEquals("Sort things.", agent("clerk").prompt());
            assertEquals(List.of("search", "rank"), agent("clerk").capabilities());
        });
    }

    private io.kiln.runtime.api.AgentInfo agent(String id) {
        return agentService.agents().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }
}
