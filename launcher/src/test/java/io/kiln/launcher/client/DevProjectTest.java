package io.kiln.launcher.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** What kiln dev reads from a project: its name and version from the pom, and what it refuses. */
public class DevProjectTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path project(String pom) throws Exception {
        Path dir = temp.newFolder().toPath();
        Files.createDirectories(dir.resolve("src/main/java"));
        if (pom != null) {
            Files.writeString(dir.resolve("pom.xml"), pom);
        }
        return dir;
    }

    private static String pom(String inside) {
        return "<?xml version=\"1.0\"?>\n<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>" + inside
                + "</project>";
    }

    private static String failure(Path dir) {
        return assertThrows(ClientException.class, () -> DevProject.read(dir)).getMessage();
    }

    @Test
    public void theArtifactIdAndTheVersionAsBndMakesIt() throws Exception {
        DevProject p = DevProject.read(project(pom("<groupId>g</groupId><artifactId>my-plugin</artifactId><version>1.0.0-SNAPSHOT</version>")));
        assertEquals("my-plugin", p.symbolicName());
        assertEquals("1.0.0-SNAPSHOT", p.version());
        assertTrue(p.hasPom());
    }

    @Test
    public void theParentsVersionAndThePomsProperties() throws Exception {
        assertEquals("2.1", DevProject.read(project(pom("<parent><groupId>g</groupId><artifactId>p</artifactId><version>2.1</version></parent>"
                + "<artifactId>child</artifactId>"))).version());
        assertEquals("3.0.0-SNAPSHOT", DevProject.read(project(pom("<artifactId>x</artifactId><version>${revision}${changelist}</version>"
                + "<properties><revision>3.0.0</revision><changelist>-SNAPSHOT</changelist></properties>"))).version());
        assertEquals("x", DevProject.read(project(pom("<artifactId>x</artifactId><version>1</version><packaging>jar</packaging>"))).symbolicName());
    }

    @Test
    public void noPomTheFoldersName() throws Exception {
        Path dir = project(null);
        DevProject p = DevProject.read(dir);
        assertEquals(dir.getFileName().toString(), p.symbolicName());
        assertEquals("0.0.0-SNAPSHOT", p.version());
        assertFalse(p.hasPom());
    }

    @Test
    public void whatIsMissingInOneLine() throws Exception {
        Path noSources = temp.newFolder().toPath();
        assertTrue(failure(noSources), failure(noSources).contains("has no src/main/java"));
        assertTrue(failure(noSources.resolve("nope")).startsWith("no such project folder: "));
        String packaging = failure(project(pom("<artifactId>parent</artifactId><version>1</version><packaging>pom</packaging>")));
        assertTrue(packaging, packaging.contains("has <packaging>pom</packaging>") && packaging.contains("packaging is jar"));
        assertTrue(failure(project(pom("<version>1</version>"))).contains("has no <artifactId>"));
        assertTrue(failure(project(pom("<artifactId>x</artifactId>"))).contains("has no <version>, nor has its <parent>"));
        assertTrue(failure(project(pom("<artifactId>x</artifactId><version>${revision}</version>"))).contains("refers to a property"));
        String broken = failure(project("<project><artifactId>x</artifactId>"));
        assertTrue(broken, broken.contains("pom.xml:1: not well-formed XML"));
        assertTrue(failure(project("<html/>")).contains("is not a Maven pom"));
        for (String message : new String[] { broken, packaging }) {
            assertEquals(message, 1, message.lines().count());
        }
    }

    @Test
    public void noEntitiesAreExpanded() throws Exception {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><project><artifactId>&x;</artifactId>"
                + "<version>1</version></project>";
        assertTrue(failure(project(xxe)).contains("not well-formed XML"));
    }
}
