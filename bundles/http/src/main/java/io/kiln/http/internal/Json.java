package io.kiln.http.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.kiln.runtime.api.BuildResult;
import io.kiln.runtime.api.ChangeResult;
import io.kiln.runtime.api.CompileProblem;
import io.kiln.runtime.api.DependentChange;
import io.kiln.runtime.api.KeptVersion;
import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.Leftover;
import io.kiln.runtime.api.PluginInfo;
import io.kiln.runtime.api.RejectedFile;
import io.kiln.runtime.api.ReloadSummary;
import io.kiln.runtime.api.RetainedRevision;
import io.kiln.runtime.api.RuntimeStatus;

/** The API's JSON: the runtime's records as objects with stable member names, times as ISO-8601 strings. */
final class Json {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    private Json() {
    }

    static String write(Object value) {
        return GSON.toJson(value);
    }

    /** @throws ApiException 400 when the text is not a JSON object */
    static JsonObject readObject(String text) {
        try {
            JsonElement element = JsonParser.parseString(text);
            if (!element.isJsonObject()) {
                throw ApiException.badRequest("the body must be a JSON object");
            }
            return element.getAsJsonObject();
        } catch (JsonParseException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getMessage());
        }
    }

    /** @return the member as a string, or {@code null} when absent; 400 when it is not a string */
    static String string(JsonObject object, String member) {
        JsonElement value = object.get(member);
        if (value == null || value.isJsonNull()) {
            return null;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw ApiException.badRequest("'" + member + "' must be a string");
        }
        return value.getAsString();
    }

    static Map<String, Object> plugin(PluginInfo p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("version", p.version());
        m.put("state", p.state().name());
        m.put("degraded", p.degraded());
        m.put("problems", p.problems());
        m.put("dependents", p.dependents());
        m.put("enabled", p.enabled());
        m.put("file", p.file());
        m.put("lastResult", p.lastResult() == null ? null : p.lastResult().name());
        m.put("lastError", p.lastError());
        m.put("lastChange", time(p.lastChange()));
        m.put("previousVersions", p.previousVersions().stream().map(k -> k.id() + " (" + k.version() + ")").toList());
        m.put("keptVersions", p.previousVersions().stream().map(Json::kept).toList());
        return m;
    }

    private static Map<String, Object> kept(KeptVersion k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id());
        m.put("version", k.version());
        m.put("sha256", k.sha256());
        return m;
    }

    private static List<Map<String, Object>> dependents(List<DependentChange> dependents) {
        return dependents.stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("plugin", d.plugin());
            m.put("why", d.why());
            m.put("intact", d.intact());
            m.put("problem", d.problem());
            m.put("restarted", d.restarted());
            m.put("restart", d.restart());
            return m;
        }).toList();
    }

    private static List<Map<String, Object>> leftovers(List<Leftover> leftovers) {
        return leftovers.stream().map(l -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", l.kind().label());
            m.put("description", l.description());
            m.put("handling", l.handling().label());
            m.put("text", l.text());
            return m;
        }).toList();
    }

    static Map<String, Object> result(ChangeResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plugin", r.plugin());
        m.put("action", r.action().label());
        m.put("outcome", r.outcome().name());
        m.put("succeeded", r.succeeded());
        m.put("fromVersion", r.fromVersion());
        m.put("toVersion", r.toVersion());
        m.put("durationMillis", r.duration().toMillis());
        m.put("error", r.error());
        m.put("dependents", dependents(r.dependents()));
        m.put("leftovers", leftovers(r.leftovers()));
        return m;
    }

    /** A build of a plugin's sources: the verdict, its times, the compiler's errors. */
    static Map<String, Object> build(BuildResult r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("plugin", r.plugin());
        json.put("outcome", r.change().outcome().name());
        json.put("detail", r.change().error());
        json.put("version", r.change().toVersion());
        json.put("sources", r.sources());
        json.put("compileMillis", r.compileMillis());
        json.put("packageMillis", r.packageMillis());
        json.put("reloadMillis", r.reloadMillis());
        json.put("problems", r.problems().stream().map(Json::problem).toList());
        json.put("result", Json.result(r.change()));
        return json;
    }

    private static Map<String, Object> problem(CompileProblem p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", p.file());
        json.put("line", p.line());
        json.put("column", p.column());
        json.put("message", p.message());
        return json;
    }

    static Map<String, Object> summary(ReloadSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("succeeded", s.succeeded());
        m.put("failed", s.failed());
        m.put("results", s.results().stream().map(Json::result).toList());
        return m;
    }

    static Map<String, Object> history(HistoryEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", time(e.time()));
        m.put("subject", e.subject().label());
        m.put("name", e.name());
        m.put("plugin", e.name());
        m.put("trigger", e.trigger().label());
        m.put("action", e.action().label());
        m.put("fromVersion", e.fromVersion());
        m.put("toVersion", e.toVersion());
        m.put("outcome", e.outcome().name());
        m.put("durationMillis", e.durationMillis());
        m.put("error", e.error());
        m.put("dependents", dependents(e.dependents()));
        m.put("leftovers", leftovers(e.leftovers()));
        // null in an entry recorded before Kiln counted them
        m.put("refreshed", e.refreshed() == HistoryEntry.UNKNOWN ? null : e.refreshed());
        m.put("restarted", e.restarted() == HistoryEntry.UNKNOWN ? null : e.restarted());
        return m;
    }

    static List<Map<String, Object>> history(List<HistoryEntry> entries) {
        return entries.stream().map(Json::history).toList();
    }

    static Map<String, Object> status(RuntimeStatus s, String version, long uptimeMillis) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", version);
        m.put("uptimeMillis", uptimeMillis);
        m.put("plugins", s.plugins());
        m.put("active", s.active());
        m.put("degraded", s.degraded());
        m.put("disabled", s.disabled());
        m.put("rejected", s.rejected().stream().map(Json::rejected).toList());
        m.put("stuck", s.stuck());
        m.put("retained", s.retained().stream().map(Json::retained).toList());
        m.put("queued", s.queued());
        m.put("recovered", s.recovered());
        return m;
    }

    private static Map<String, Object> retained(RetainedRevision r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plugin", r.plugin());
        m.put("version", r.version());
        m.put("retired", time(r.retired()));
        m.put("holders", r.holders());
        return m;
    }

    private static Map<String, Object> rejected(RejectedFile r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", r.file());
        m.put("plugin", r.plugin());
        m.put("reason", r.reason());
        m.put("time", time(r.time()));
        return m;
    }

    static Map<String, Object> error(String error, String detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", error);
        m.put("detail", detail == null ? "" : detail);
        return m;
    }

    private static String time(Instant time) {
        return time == null ? null : time.toString();
    }
}
