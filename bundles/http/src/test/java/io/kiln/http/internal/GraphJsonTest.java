package io.kiln.http.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.kiln.runtime.api.BundleState;
import io.kiln.runtime.api.ChangeImpact;
import io.kiln.runtime.api.DependentImpact;
import io.kiln.runtime.api.LinkKind;
import io.kiln.runtime.api.PluginGraph;
import io.kiln.runtime.api.PluginInfo;
import io.kiln.runtime.api.PluginLink;

public class GraphJsonTest {

    private static PluginInfo plugin(String name) {
        return new PluginInfo(name, "1.0.0", BundleState.ACTIVE, true, name + ".jar", null, "", null, List.of(), List.of(), List.of());
    }

    @Test
    public void eachPluginSaysWhatItUsesWhatUsesItAndWhatAChangeToItWouldRestart() {
        PluginLink handle = new PluginLink("b", "a", LinkKind.USES_SERVICE_THROUGH_HANDLE, "x.Y", "uses service x.Y through a handle", false);
        PluginLink direct = new PluginLink("c", "a", LinkKind.USES_SERVICE, "x.Y", "uses service x.Y (no handle: ...)", true);
        ChangeImpact ofA = new ChangeImpact("a", List.of(new DependentImpact("b", handle.why(), ""),
                new DependentImpact("c", direct.why(), "DS unbound it from a: " + direct.why())));
        PluginGraph graph = new PluginGraph(List.of(plugin("a"), plugin("b"), plugin("c")), List.of(handle, direct),
                List.of(ofA, new ChangeImpact("b", List.of()), new ChangeImpact("c", List.of())));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> plugins = (List<Map<String, Object>>) GraphJson.graph(graph).get("plugins");
        Map<String, Object> a = plugins.get(0);
        assertEquals("ACTIVE", a.get("state"));
        assertEquals(List.of(), a.get("uses"));
        assertEquals(List.of("b", "c"), a.get("usedBy"));
        @SuppressWarnings("unchecked")
        Map<String, Object> change = (Map<String, Object>) a.get("change");
        assertEquals(List.of("c"), change.get("restarts"));
        assertEquals(Map.of("plugin", "b", "why", handle.why(), "restarts", false, "restart", ""),
                ((List<?>) change.get("dependents")).get(0));
        assertEquals(List.of("a"), plugins.get(1).get("uses"));
        assertEquals(Map.of("dependent", "b", "provider", "a", "kind", "uses-service-through-handle", "used", "x.Y",
                "why", handle.why(), "restartsDependent", false), GraphJson.links(graph.links()).get(0));
    }
}
