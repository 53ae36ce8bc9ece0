package io.kiln.launcher.client;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Kiln's answer to {@code POST /api/v1/builds}: what became of one build of the project. */
record BuildResult(int status, String plugin, String outcome, String detail, String version, int sources, long compileMillis,
        long packageMillis, long reloadMillis, List<Problem> problems, JsonObject body) {

    /** A compiler message, its file relative to the project folder. */
    record Problem(String file, long line, long column, String message) {
        @Override
        public String toString() {
            return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + message;
        }
    }

    /** @return whether the build is live: APPLIED, or UNCHANGED (the same build runs) */
    boolean live() {
        return outcome.equals("APPLIED") || outcome.equals("UNCHANGED");
    }

    static BuildResult of(int status, JsonObject body) {
        List<Problem> problems = new ArrayList<>();
        if (body.has("problems") && body.get("problems").isJsonArray()) {
            for (JsonElement e : body.getAsJsonArray("problems")) {
                JsonObject p = e.getAsJsonObject();
                problems.add(new Problem(Views.text(p, "file"), number(p, "line"), number(p, "column"), Views.text(p, "message")));
            }
        }
        return new BuildResult(status, Views.text(body, "plugin"), Views.text(body, "outcome"), Views.text(body, "detail"),
                Views.text(body, "version"), (int) number(body, "sources"), number(body, "compileMillis"), number(body, "packageMillis"),
                number(body, "reloadMillis"), List.copyOf(problems), body);
    }

    private static long number(JsonObject o, String member) {
        JsonElement e = o.get(member);
        try {
            return e == null || e.isJsonNull() ? -1 : e.getAsLong();
        } catch (NumberFormatException | UnsupportedOperationException notANumber) {
            return -1;
        }
    }
}
