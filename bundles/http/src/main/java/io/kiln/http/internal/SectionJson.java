package io.kiln.http.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.kiln.runtime.api.AgentInfo;
import io.kiln.runtime.api.SectionInfo;
import io.kiln.runtime.api.SectionResult;
import io.kiln.runtime.api.SkillInfo;

/** The JSON of configuration sections, skills and agents. */
final class SectionJson {

    private SectionJson() {
    }

    static Map<String, Object> section(SectionInfo s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", s.pid());
        m.put("factoryPid", s.factoryPid());
        m.put("file", s.file());
        m.put("state", s.state().name());
        m.put("reason", s.reason());
        m.put("warnings", s.warnings());
        m.put("validated", s.validated());
        m.put("properties", new TreeMap<>(s.properties()));
        m.put("components", s.components());
        m.put("changed", time(s.changed()));
        return m;
    }

    static Map<String, Object> result(SectionResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", r.pid());
        m.put("file", r.file());
        m.put("outcome", r.outcome().name());
        m.put("succeeded", r.succeeded());
        m.put("error", r.error());
        m.put("warnings", r.warnings());
        m.put("durationMillis", r.duration().toMillis());
        return m;
    }

    static Map<String, Object> skill(SkillInfo s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("description", s.description());
        m.put("version", s.version());
        m.put("triggers", s.triggers());
        m.put("state", s.state().name());
        m.put("published", s.published());
        m.put("reason", s.reason());
        m.put("file", s.file());
        m.put("changed", time(s.changed()));
        return m;
    }

    static Map<String, Object> agent(AgentInfo a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("prompt", a.prompt());
        m.put("capabilities", a.capabilities());
        m.put("missing", a.missing());
        m.put("ready", a.ready());
        return m;
    }

    private static String time(Instant time) {
        return time == null ? null : time.toString();
    }
}
