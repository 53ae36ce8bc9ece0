package io.kiln.launcher.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Which mvn dev mode runs, with which extra arguments, and what it makes of a failing run. */
public class MavenTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path fakeMaven(String folder, String script) throws Exception {
        Path mvn = Files.createDirectories(temp.getRoot().toPath().resolve(folder + "/bin")).resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        return mvn;
    }

    @Test
    public void mavenHomeThenThePathWithTheExtraArguments() throws Exception {
        Path home = fakeMaven("home", "echo home \"$@\"").getParent().getParent();
        Path onPath = fakeMaven("path", "echo path \"$@\"").getParent();
        Maven maven = Maven.find(Map.of("MAVEN_HOME", home.toString(), "PATH", onPath.toString(), "KILN_MAVEN_ARGS", " -o  -s s.xml "), List.of("-Dx=1"));
        assertEquals(List.of(home.resolve("bin/mvn").toString(), "-B", "-q", "-o", "-s", "s.xml", "-Dx=1", "test"), maven.command(List.of("test")));
        Maven.Run run = maven.run(temp.getRoot().toPath(), List.of("test"));
        assertEquals("home -B -q -o -s s.xml -Dx=1 test\n", run.output());
        assertEquals(0, run.exit());
        assertTrue(Maven.find(Map.of("PATH", "/nowhere:" + onPath), null).command(List.of()).get(0).startsWith(onPath.toString()));
    }

    @Test
    public void noMaven() {
        String message = assertThrows(ClientException.class, () -> Maven.find(Map.of("PATH", "/nowhere"), List.of())).getMessage();
        assertTrue(message, message.startsWith("no Maven: mvn is not on the PATH"));
    }

    @Test
    public void aFailingClassPathRunPrintsMavensOutputAndAVerdict() throws Exception {
        Path project = temp.newFolder("p").toPath();
        Files.createDirectories(project.resolve("src/main/java"));
        Files.writeString(project.resolve("pom.xml"), "<project><artifactId>p</artifactId><version>1</version></project>");
        Path mvn = fakeMaven("broken", "printf '\\033[0m[ERROR] Could not resolve dependencies for project p\\n'; exit 1");
        Maven maven = Maven.find(Map.of("PATH", mvn.getParent().toString()), List.of());
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        String verdict = assertThrows(ClientException.class,
                () -> CompileClasspath.read(DevProject.read(project), maven, new java.io.PrintStream(bytes, true))).getMessage();
        assertEquals("[ERROR] Could not resolve dependencies for project p\n", bytes.toString());
        assertTrue(verdict, verdict.startsWith("Maven could not resolve the class path of " + project.resolve("pom.xml") + " (exit 1, "));
    }

    @Test
    public void testFailuresWithoutMavensAdvice() {
        String output = "[ERROR] Tests run: 1, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.136 s <<< FAILURE! -- in dev.greeter.PhraseTest\n"
                + "java.lang.AssertionError: Bye\n\tat org.junit.Assert.fail(Assert.java:89)\n"
                + "[ERROR] Tests run: 1, Failures: 1, Errors: 0, Skipped: 0\n[ERROR] Failures: \n[ERROR]   PhraseTest.itGreets:12 Bye\n"
                + "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:3.2.5:test (default-test) on project p: -> [Help 1]\n"
                + "[ERROR] \n[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.\n"
                + "[ERROR] Re-run Maven using the -X switch to enable full debug logging.\n";
        assertEquals(List.of("[ERROR] Tests run: 1, Failures: 1, Errors: 0, Skipped: 0", "[ERROR] Failures: ", "[ERROR]   PhraseTest.itGreets:12 Bye"),
                TestRuns.failures(output));
    }
}
