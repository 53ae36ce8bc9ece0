package io.kiln.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the crash cycles read from Kiln's admin API after a restart, taken from its JSON with patterns: the harness
 * carries no JSON library, and these answers are Kiln's own, written without spaces.
 */
final class CrashApi {

    /** One plugin as {@code GET /api/v1/plugins} lists it. */
    record Plugin(String name, String version, String state) {
    }

    private static final Pattern PLUGIN = Pattern.compile("\"name\":\"([^\"]+)\",\"version\":\"([^\"]+)\",\"state\":\"([A-Z_]+)\"");
    private static final Pattern RECOVERED = Pattern.compile("\"recovered\":\\[(.*?)\\]");
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final AdminApi api;

    CrashApi(AdminApi api) {
        this.api = api;
    }

    List<Plugin> plugins() throws IOException, InterruptedException {
        String body = ok("api/v1/plugins");
        List<Plugin> plugins = new ArrayList<>();
        Matcher m = PLUGIN.matcher(body);
        while (m.find()) {
            plugins.add(new Plugin(m.group(1), m.group(2), m.group(3)));
        }
        return plugins;
    }

    /** @return the status's {@code recovered} lines: what Kiln put right as it started */
    List<String> recovered() throws IOException, InterruptedException {
        String body = ok("api/v1/status");
        Matcher m = RECOVERED.matcher(body);
        if (!m.find()) {
            throw new IOException("GET /api/v1/status has no 'recovered': " + body);
        }
        List<String> lines = new ArrayList<>();
        Matcher s = STRING.matcher(m.group(1));
        while (s.find()) {
            lines.add(s.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        return lines;
    }

    /** @return how many entries {@code GET /api/v1/history?limit=1000} answers with */
    int historyEntries() throws IOException, InterruptedException {
        String body = ok("api/v1/history?limit=1000");
        return body.split("\"subject\":", -1).length - 1;
    }

    /** Sets one key of a section, as {@code kiln:config-set} does; @return the answer's status code */
    int setConfig(String pid, String key, String value) throws IOException, InterruptedException {
        return api.putJson("api/v1/config/" + pid, "{\"key\":\"" + key + "\",\"value\":\"" + value + "\"}").statusCode();
    }

    private String ok(String path) throws IOException, InterruptedException {
        var answer = api.get(path);
        if (answer.statusCode() != 200) {
            throw new IOException("GET /" + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }
}
