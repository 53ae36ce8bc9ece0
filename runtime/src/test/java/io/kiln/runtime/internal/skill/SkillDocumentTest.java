package io.kiln.runtime.internal.skill;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.Test;

public class SkillDocumentTest {

    private static final String LABEL = "skills/summarize/SKILL.md";

    private static SkillDocument parse(String text) throws SkillException {
        return SkillDocument.parse(text, LABEL, "summarize");
    }

    private static String refusal(String text) {
        return assertThrows(SkillException.class, () -> parse(text)).getMessage();
    }

    @Test
    public void frontMatterAndBodyAreRead() throws Exception {
        SkillDocument skill = parse("""
                ---
                name: summarize
                description: Summarizes a text.
                version: 1.2.0
                triggers: [summarize, tl;dr]
                owner: docs-team
                limits: {words: 60}
                ---
                # Summarize

                Read it all.
                """);
        assertEquals("summarize", skill.name());
        assertEquals("Summarizes a text.", skill.description());
        assertEquals("1.2.0", skill.version());
        assertEquals(List.of("summarize", "tl;dr"), skill.triggers());
        assertEquals(Map.of("owner", "docs-team", "limits", Map.of("words", 60)), skill.metadata());
        assertEquals("# Summarize\n\nRead it all.", skill.body());
    }

    @Test
    public void versionAndTriggersAreOptional() throws Exception {
        SkillDocument skill = parse("---\nname: summarize\ndescription: d\n---\n");
        assertEquals("", skill.version());
        assertEquals(List.of(), skill.triggers());
        assertEquals("", skill.body());
    }

    @Test
    public void everyRefusalNamesTheFileAndTheCause() {
        assertEquals(LABEL + ": no front matter: the file must start with a line '---'", refusal("# Just markdown\n"));
        assertEquals(LABEL + ": the front matter is not closed: no second line '---'", refusal("---\nname: summarize\n"));
        assertEquals(LABEL + ": the front matter has no 'description'", refusal("---\nname: summarize\n---\n"));
        assertEquals(LABEL + ": the front matter has no 'name'", refusal("---\ndescription: d\n---\n"));
        assertEquals(LABEL + ": name 'summary' does not match its folder 'summarize'", refusal("---\nname: summary\ndescription: d\n---\n"));
        assertTrue(refusal("---\nname: summarize\ndescription: [broken\n---\n").startsWith(LABEL + ": the front matter is not valid YAML"));
        assertEquals(LABEL + ": the front matter must be key: value lines, found a list ([a, b])", refusal("---\n- a\n- b\n---\n"));
        assertEquals(LABEL + ": triggers must be a list of text, found a map ({a=1}) in it",
                refusal("---\nname: summarize\ndescription: d\ntriggers: [{a: 1}]\n---\n"));
        assertEquals(LABEL + ": 'description' must be non-empty text, found a number (3)", refusal("---\nname: summarize\ndescription: 3\n---\n"));
        assertTrue(refusal("---\nname: summarize\nname: again\ndescription: d\n---\n").contains("not valid YAML"));
    }

    @Test
    public void yamlCannotBuildObjects() {
        assertTrue(refusal("---\nname: summarize\ndescription: !!java.io.File [\"/etc/passwd\"]\n---\n").contains("not valid YAML"));
    }

    @Test
    public void randomInputNeverFailsWithAnythingButTheParsersOwnError() {
        Random random = new Random(42);
        String valid = "---\nname: summarize\ndescription: d\ntriggers: [a, b]\nx: {y: [1, 2]}\n---\nbody\n";
        String alphabet = "-:[]{}#!&*|>'\"\n \t,.?%@`abcname";
        for (int round = 0; round < 5_000; round++) {
            StringBuilder text = new StringBuilder(round % 2 == 0 ? valid : "");
            for (int edits = 1 + random.nextInt(6); edits > 0; edits--) {
                int at = text.length() == 0 ? 0 : random.nextInt(text.length() + 1);
                text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                parse(text.toString());
            } catch (SkillException expected) {
                // the parser's own clear error
            }
        }
    }
}
