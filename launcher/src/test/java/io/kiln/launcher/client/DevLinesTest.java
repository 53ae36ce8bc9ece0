package io.kiln.launcher.client;

import static org.junit.Assert.assertEquals;

import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;

import org.junit.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The lines dev mode prints for a build. */
public class DevLinesTest {

    private static final LocalTime NOON = LocalTime.of(12, 0, 1);

    private static BuildResult result(int status, String json) {
        return BuildResult.of(status, JsonParser.parseString(json).getAsJsonObject());
    }

    @Test
    public void aReload() {
        BuildResult r = result(200, "{\"plugin\":\"my-plugin\",\"outcome\":\"APPLIED\",\"detail\":\"\",\"version\":\"1.0.0.SNAPSHOT\",\"sources\":3,"
                + "\"compileMillis\":41,\"packageMillis\":12,\"reloadMillis\":25,\"problems\":[],\"result\":{}}");
        assertEquals(List.of("12:00:01 Greeter.java → compiled 3 sources in 41 ms, packaged in 12 ms, reloaded in 25 ms: APPLIED 1.0.0.SNAPSHOT"),
                DevLines.build(NOON, List.of(Path.of("/p/src/main/java/com/acme/Greeter.java")), r));
        assertEquals("12:00:01 first build → compiled 3 sources in 41 ms, packaged in 12 ms, reloaded in 25 ms: APPLIED 1.0.0.SNAPSHOT",
                DevLines.build(NOON, List.of(), r).get(0));
    }

    @Test
    public void aCompileErrorNamesFileLineAndColumn() {
        BuildResult r = result(422, "{\"plugin\":\"my-plugin\",\"outcome\":\"REJECTED\",\"detail\":\"1 compile error\",\"version\":\"1.0.0.SNAPSHOT\","
                + "\"sources\":3,\"compileMillis\":38,\"packageMillis\":0,\"reloadMillis\":0,"
                + "\"problems\":[{\"file\":\"src/main/java/com/acme/Greeter.java\",\"line\":12,\"column\":9,\"message\":\"';' expected\"}]}");
        assertEquals(List.of("12:00:01 Greeter.java → 3 sources did not compile (38 ms): REJECTED, 1 problem",
                "src/main/java/com/acme/Greeter.java:12:9: ';' expected", "the last good version keeps running"),
                DevLines.build(NOON, List.of(Path.of("Greeter.java")), r));
    }

    @Test
    public void aRollbackSaysWhy() {
        BuildResult r = result(422, "{\"plugin\":\"p\",\"outcome\":\"ROLLED_BACK\",\"detail\":\"component x failed to activate:\\n  at y\","
                + "\"version\":\"1.0.0\",\"sources\":1,\"compileMillis\":5,\"packageMillis\":2,\"reloadMillis\":9,\"problems\":[]}");
        assertEquals(List.of("12:00:01 A.java → compiled 1 source in 5 ms, packaged in 2 ms, reloaded in 9 ms: ROLLED_BACK 1.0.0",
                "  component x failed to activate:", "    at y", "the last good version keeps running"),
                DevLines.build(NOON, List.of(Path.of("A.java")), r));
    }

    @Test
    public void unchangedAndWhatKilnDidNotSay() {
        BuildResult r = BuildResult.of(200, object("{\"plugin\":\"p\",\"outcome\":\"UNCHANGED\",\"version\":\"1.0.0\",\"sources\":2}"));
        assertEquals(List.of("12:00:01 bnd.bnd → built: UNCHANGED 1.0.0 (the same build runs)"), DevLines.build(NOON, List.of(Path.of("bnd.bnd")), r));
    }

    @Test
    public void manyFilesAreCounted() {
        assertEquals("A.java, B.java, C.java, D.java", DevLines.names(List.of(Path.of("A.java"), Path.of("B.java"), Path.of("C.java"), Path.of("D.java"))));
        assertEquals("A.java, B.java, C.java and 3 more", DevLines.names(List.of(Path.of("A.java"), Path.of("B.java"), Path.of("C.java"),
                Path.of("D.java"), Path.of("E.java"), Path.of("x/A.java"), Path.of("F.java"))));
        assertEquals("live 2.3 s after kiln dev started", DevLines.firstLive(2_345));
    }

    private static JsonObject object(String json) {
        return JsonParser.parseString(json).getAsJsonObject();
    }
}
