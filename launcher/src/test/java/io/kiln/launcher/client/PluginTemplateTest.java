package io.kiln.launcher.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.regex.Pattern;

import org.junit.Test;

/** The template as {@code kiln new plugin} renders it, read from the archetype's jar on the class path. */
public class PluginTemplateTest {

    private static final Map<String, String> VARIABLES = Map.of("groupId", "com.acme", "artifactId", "hello-world",
            "version", "2.0.0-SNAPSHOT", "package", "com.acme.hello", "scope", "helloworld");

    @Test
    public void rendersTheProjectAsTheArchetypeLaysItOut() throws Exception {
        Map<String, String> files = PluginTemplate.load().render(VARIABLES);
        assertEquals(files.keySet().toString(), java.util.List.of(".githooks/install", ".githooks/post-commit", ".gitignore", "README.md",
                "conf/hello-world.cfg", "pom.xml", "src/main/java/com/acme/hello/Greeter.java",
                "src/main/java/com/acme/hello/internal/CountingGreeter.java", "src/main/java/com/acme/hello/internal/GreetCommand.java",
                "src/main/java/com/acme/hello/internal/GreeterConfiguration.java", "src/main/java/com/acme/hello/package-info.java",
                "src/test/java/com/acme/hello/internal/CountingGreeterTest.java"), java.util.List.copyOf(files.keySet()));
        assertTrue(files.get("src/main/java/com/acme/hello/package-info.java").contains("package com.acme.hello;"));
        assertTrue(files.get("src/main/java/com/acme/hello/internal/GreetCommand.java").contains("\"osgi.command.scope=helloworld\""));
        assertTrue(files.get("src/main/java/com/acme/hello/internal/GreeterConfiguration.java").contains("String PID = \"hello-world\";"));
        String pom = files.get("pom.xml");
        assertTrue(pom, pom.contains("<artifactId>hello-world</artifactId>") && pom.contains("<groupId>com.acme</groupId>")
                && pom.contains("<version>2.0.0-SNAPSHOT</version>"));
        for (Map.Entry<String, String> file : files.entrySet()) {
            for (String variable : VARIABLES.keySet()) {
                assertFalse(file.getKey() + " still holds ${" + variable + "}", file.getValue().contains("${" + variable + "}"));
            }
            assertFalse(file.getKey() + " holds an unfilled Maven filter", file.getValue().contains("@project.version@"));
        }
    }

    @Test
    public void theParentIsTheKilnTheTemplateWasBuiltFor() throws Exception {
        PluginTemplate template = PluginTemplate.load();
        assertFalse(template.kilnVersion().isEmpty());
        assertTrue(template.render(VARIABLES).get("pom.xml").matches("(?s).*<artifactId>kiln-plugin-parent</artifactId>\\s*<version>"
                + Pattern.quote(template.kilnVersion()) + "</version>.*"));
    }

    /** kiln new derives the scope itself ({@link ProjectNames#scope}): the archetype's default must be the same rule. */
    @Test
    public void theArchetypesOnlyExtraVariableIsTheScopeDerivedAsKilnNewDerivesIt() throws Exception {
        assertEquals(Map.of("version", "1.0.0-SNAPSHOT", "scope", "${artifactId.replaceAll('[^A-Za-z0-9]', '')}"),
                PluginTemplate.load().requiredProperties());
        assertEquals("kiln new's version is the archetype's", "1.0.0-SNAPSHOT", PluginTemplate.load().defaultVersion());
        assertEquals("hello-world".replaceAll("[^A-Za-z0-9]", ""), ProjectNames.scope("hello-world"));
    }

    @Test(expected = IllegalArgumentException.class)
    public void aMissingVariableIsRefused() throws Exception {
        PluginTemplate.load().render(Map.of("groupId", "g", "artifactId", "a", "version", "1", "package", "p"));
    }

    @Test
    public void onlyKnownVariablesAreReplaced() {
        Map<String, String> variables = Map.of("artifactId", "a-b", "package", "x.y");
        assertEquals("a-b ${project.version} ${version} x.y $artifactId ${artifactId.length()} ${ artifactId}",
                PluginTemplate.substitute("${artifactId} ${project.version} ${version} ${package} $artifactId ${artifactId.length()} ${ artifactId}", variables));
        assertEquals("$1 \\ a-b", PluginTemplate.substitute("$1 \\ ${artifactId}", variables));
    }

    @Test
    public void includePatternsAsTheArchetypePluginReadsThem() {
        assertTrue(PluginTemplate.antPattern("**/*.java").matcher("Foo.java").matches());
        assertTrue(PluginTemplate.antPattern("**/*.java").matcher("internal/deep/Foo.java").matches());
        assertFalse(PluginTemplate.antPattern("**/*.java").matcher("Foo.javax").matches());
        assertTrue(PluginTemplate.antPattern("*.cfg").matcher("a.cfg").matches());
        assertFalse(PluginTemplate.antPattern("*.cfg").matcher("x/a.cfg").matches());
        assertTrue(PluginTemplate.antPattern("README.md").matcher("README.md").matches());
        assertFalse(PluginTemplate.antPattern("README.md").matcher("READMEXmd").matches());
    }
}
