package io.kiln.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A plugin whose one Declarative Services component throws from its activate method: compiled and packed on the fly. */
final class FailingPlugin {

    private FailingPlugin() {
    }

    static byte[] jar(String name) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(TestJars.compile(Map.of("it.failing.Failing", """
                package it.failing;
                public class Failing {
                    public void activate() {
                        throw new IllegalStateException("it.failing refuses to start");
                    }
                }
                """)));
        entries.put("OSGI-INF/it.failing.Failing.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.5.0" name="it.failing.Failing" immediate="true" activate="activate">
                  <implementation class="it.failing.Failing"/>
                </scr:component>
                """.getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = TestJars.bundle(name, "1.0.0");
        headers.put("Service-Component", "OSGI-INF/it.failing.Failing.xml");
        headers.put("Require-Capability", "osgi.extender;filter:=\"(&(osgi.extender=osgi.component)(version>=1.5.0)(!(version>=2.0.0)))\"");
        return TestJars.jar(headers, entries);
    }

    static List<String> traceLines(List<String> output) {
        return output.stream().filter(line -> line.startsWith("\tat ") || line.startsWith("Caused by:")).toList();
    }
}
