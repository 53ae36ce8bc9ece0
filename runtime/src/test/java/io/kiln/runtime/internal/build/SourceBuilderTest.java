package io.kiln.runtime.internal.build;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.kiln.runtime.api.CompileProblem;

/** Compiling and packaging a plugin project as dev mode does, against the test's own class path (as Maven gives it). */
public class SourceBuilderTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private SourceBuilder builder;
    private Path project;
    private List<Path> classPath;

    @Before
    public void setUp() throws IOException {
        builder = new SourceBuilder(null, List.of());
        project = temp.newFolder("greeter").toPath();
        classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            classPath.add(Path.of(entry));
        }
        write("src/main/java/com/acme/greeter/Greeter.java", """
                package com.acme.greeter;
                public interface Greeter {
                    String greet(String name);
                }
                """);
        write("src/main/java/com/acme/greeter/package-info.java", """
                @org.osgi.annotation.bundle.Export
                @org.osgi.annotation.versioning.Version("1.0.0")
                package com.acme.greeter;
                """);
        write("src/main/java/com/acme/greeter/internal/Config.java", """
                package com.acme.greeter.internal;
                import org.osgi.service.metatype.annotations.ObjectClassDefinition;
                @ObjectClassDefinition(name = "Greeter")
                public @interface Config {
                    String text() default "Hello";
                }
                """);
        write("src/main/java/com/acme/greeter/internal/FriendlyGreeter.java", """
                package com.acme.greeter.internal;
                import org.osgi.service.component.annotations.Activate;
                import org.osgi.service.component.annotations.Component;
                import org.osgi.service.component.annotations.Reference;
                import org.osgi.service.metatype.annotations.Designate;
                import io.kiln.api.state.PluginState;
                import com.acme.greeter.Greeter;
                @Component(configurationPid = "com.acme.greeter")
                @Designate(ocd = Config.class)
                public class FriendlyGreeter implements Greeter {
                    private final String text;
                    @Activate
                    public FriendlyGreeter(@Reference PluginState state, Config config) {
                        this.text = config.text();
                    }
                    public String greet(String name) {
                        return text + ", " + name;
                    }
                }
                """);
        write("src/main/resources/OSGI-INF/l10n/bundle.properties", "greeter=Greeter\n");
    }

    @After
    public void tearDown() throws IOException {
        builder.close();
    }

    @Test
    public void aProjectBecomesABundleWithItsComponentsAndDefinitions() throws IOException {
        SourceBuilder.Build build = builder.buildProject(PluginSources.of(project), classPath, "greeter", "1.2.0.SNAPSHOT");

        assertEquals(List.of(), build.problems());
        assertEquals(4, build.sources());
        assertEquals("greeter", build.symbolicName());
        List<String> entries = new ArrayList<>();
        Attributes manifest;
        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(build.jar()))) {
            manifest = jar.getManifest().getMainAttributes();
            for (JarEntry entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
                entries.add(entry.getName());
            }
        }
        assertEquals("greeter", manifest.getValue("Bundle-SymbolicName"));
        assertEquals("1.2.0.SNAPSHOT", manifest.getValue("Bundle-Version"));
        assertTrue(manifest.getValue("Export-Package"), manifest.getValue("Export-Package").contains("com.acme.greeter;version=\"1.0.0\""));
        assertTrue(manifest.getValue("Import-Package"), manifest.getValue("Import-Package").contains("io.kiln.api.state;version=\"[1."));
        assertTrue(manifest.getValue("Service-Component"), manifest.getValue("Service-Component").contains("FriendlyGreeter"));
        assertTrue(entries.toString(), entries.contains("OSGI-INF/com.acme.greeter.internal.FriendlyGreeter.xml"));
        assertTrue(entries.toString(), entries.contains("OSGI-INF/metatype/com.acme.greeter.internal.Config.xml"));
        assertTrue(entries.toString(), entries.contains("OSGI-INF/l10n/bundle.properties"));
        assertTrue(entries.toString(), entries.contains("com/acme/greeter/internal/FriendlyGreeter.class"));
    }

    @Test
    public void aMavenVersionBecomesTheBundleVersionBndMavenPluginWouldMake() {
        assertEquals("1.0.0.SNAPSHOT", SourceBuilder.bundleVersion("1.0.0-SNAPSHOT"));
        assertEquals("1.0.0.SNAPSHOT", SourceBuilder.bundleVersion("1.0-SNAPSHOT"));
        assertEquals("1.2.0", SourceBuilder.bundleVersion("1.2"));
        assertEquals("2.0.0.beta-1", SourceBuilder.bundleVersion("2.0-beta-1"));
        assertEquals("1.0.0.SNAPSHOT", SourceBuilder.bundleVersion("1.0.0.SNAPSHOT"));
        assertEquals("", SourceBuilder.bundleVersion(""));
    }

    @Test
    public void theSameSourcesMakeTheSameJar() throws IOException {
        byte[] first = builder.buildProject(PluginSources.of(project), classPath, "greeter", "1.0.0").jar();
        byte[] second = builder.buildProject(PluginSources.of(project), classPath, "greeter", "1.0.0").jar();

        assertArrayEquals(first, second);
    }

    @Test
    public void anErrorNamesTheFileLineAndColumnAndMakesNoBundle() throws IOException {
        write("src/main/java/com/acme/greeter/internal/FriendlyGreeter.java",
                Files.readString(project.resolve("src/main/java/com/acme/greeter/internal/FriendlyGreeter.java"))
                        .replace("return text + \", \" + name;", "return text + \", \" + name"));

        SourceBuilder.Build build = builder.buildProject(PluginSources.of(project), classPath, "greeter", "1.0.0");

        assertFalse(build.succeeded());
        assertEquals(0, build.jar().length);
        CompileProblem problem = build.problems().get(0);
        assertEquals("src/main/java/com/acme/greeter/internal/FriendlyGreeter.java", problem.file());
        assertEquals(17, problem.line());
        assertEquals("';' expected", problem.message());
        assertTrue(problem.toString(), problem.toString().startsWith("src/main/java/com/acme/greeter/internal/FriendlyGreeter.java:17:"));
    }

    @Test
    public void aChangedSignatureFailsWhereItIsUsedNotLater() throws IOException {
        builder.buildProject(PluginSources.of(project), classPath, "greeter", "1.0.0");
        write("src/main/java/com/acme/greeter/Greeter.java", """
                package com.acme.greeter;
                public interface Greeter {
                    String greet(String name, int times);
                }
                """);

        SourceBuilder.Build build = builder.buildProject(PluginSources.of(project), classPath, "greeter", "1.0.0");

        assertFalse(build.succeeded());
        assertEquals("src/main/java/com/acme/greeter/internal/FriendlyGreeter.java", build.problems().get(0).file());
    }

    @Test
    public void touchingAFileLeavesTheContentHashAsItWas() throws IOException {
        String before = PluginSources.of(project).contentHash();
        Path greeter = project.resolve("src/main/java/com/acme/greeter/Greeter.java");
        Files.setLastModifiedTime(greeter, java.nio.file.attribute.FileTime.fromMillis(0));
        Files.writeString(project.resolve("src/main/java/com/acme/greeter/.Greeter.java.swp"), "editor state");

        assertEquals(before, PluginSources.of(project).contentHash());

        write("src/main/java/com/acme/greeter/Greeter.java", Files.readString(greeter) + "\n");
        assertFalse(before.equals(PluginSources.of(project).contentHash()));
    }

    @Test
    public void javaFilesDirectlyInAFolderAreSourcesToo() throws IOException {
        Path flat = temp.newFolder("flat").toPath();
        Files.writeString(flat.resolve("Hello.java"), "package hello; public class Hello {}\n", StandardCharsets.UTF_8);

        PluginSources sources = PluginSources.of(flat);

        assertEquals(List.of(flat.resolve("Hello.java")), sources.javaFiles());
        assertTrue(builder.buildProject(sources, classPath, "flat", "").succeeded());
    }

    private void write(String path, String content) throws IOException {
        Path file = project.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
