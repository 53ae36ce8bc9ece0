package io.kiln.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code remoteShell = false} turns the remote shell off, for the API and the client alike, and says how. */
public class RemoteShellOffIT {

    @ClassRule
    public static TemporaryFolder temp = new TemporaryFolder();

    private static ApiKiln kiln;

    @BeforeClass
    public static void start() throws Exception {
        kiln = ApiKiln.start(temp.getRoot().toPath().resolve("kiln"), Map.of("conf/io.kiln.http.cfg", "remoteShell = false\n"));
    }

    @AfterClass
    public static void stop() throws Exception {
        kiln.close();
    }

    @Test
    public void theShellIsOffAndSaysWhichSettingTurnsItOn() throws Exception {
        HttpResponse<String> refused = kiln.postJson("/api/v1/shell", "{\"command\": \"sample:greet Ada\"}");
        assertEquals(refused.body(), 404, refused.statusCode());
        assertTrue(refused.body(), refused.body().contains("remoteShell = false in section io.kiln.http"));
        assertEquals(404, kiln.post("/api/v1/shell/sessions").statusCode());

        ApiKiln.ClientRun exec = kiln.client("exec", "sample:greet", "Ada");
        assertEquals(exec.toString(), 1, exec.exit());
        assertTrue(exec.toString(), exec.err().startsWith("kiln: ") && exec.err().contains("remoteShell = false"));
        assertTrue("the rest of the API works: " + exec, kiln.get("/api/v1/status").statusCode() == 200);
    }
}
