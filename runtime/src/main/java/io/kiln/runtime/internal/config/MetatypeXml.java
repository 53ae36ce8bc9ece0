package io.kiln.runtime.internal.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.osgi.framework.Bundle;

/**
 * Reads what the Metatype API leaves out from a bundle's {@code OSGI-INF/metatype/*.xml}: the {@code min} and
 * {@code max} of each attribute, by the PID or factory PID the definition is designated for. Read with the JDK's
 * own StAX parser, with DTDs and external entities off.
 */
final class MetatypeXml {

    static final String FOLDER = "OSGI-INF/metatype";

    private MetatypeXml() {
    }

    /**
     * @return PID or factory PID, then attribute id, to the bounds declared; files that cannot be read are skipped.
     *         Read from the bundle's own entries: unlike {@code findEntries}, this never resolves a bundle that is
     *         only installed.
     */
    static Map<String, Map<String, AttributeBounds>> bounds(Bundle bundle) {
        Map<String, Map<String, AttributeBounds>> byPid = new HashMap<>();
        Enumeration<String> paths = bundle.getEntryPaths(FOLDER + "/");
        while (paths != null && paths.hasMoreElements()) {
            String path = paths.nextElement();
            URL entry = path.endsWith(".xml") ? bundle.getEntry(path) : null;
            if (entry == null) {
                continue;
            }
            try (InputStream in = entry.openStream()) {
                byPid.putAll(bounds(in));
            } catch (IOException | XMLStreamException unreadable) {
                // the Metatype service reports a broken file; without its bounds, validation falls back to its messages
            }
        }
        return byPid;
    }

    static Map<String, Map<String, AttributeBounds>> bounds(InputStream xml) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader reader = factory.createXMLStreamReader(xml);
        Map<String, Map<String, AttributeBounds>> byOcd = new HashMap<>();
        Map<String, String> ocdByPid = new HashMap<>();
        String ocd = null;
        String designated = null;
        try {
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (reader.getLocalName()) {
                        case "OCD" -> {
                            ocd = attribute(reader, "id");
                            byOcd.putIfAbsent(ocd, new HashMap<>());
                        }
                        case "AD" -> {
                            String min = attribute(reader, "min");
                            String max = attribute(reader, "max");
                            if (ocd != null && (min != null || max != null)) {
                                byOcd.get(ocd).put(attribute(reader, "id"), new AttributeBounds(min, max));
                            }
                        }
                        case "Designate" -> {
                            String factoryPid = attribute(reader, "factoryPid");
                            designated = factoryPid != null && !factoryPid.isEmpty() ? factoryPid : attribute(reader, "pid");
                        }
                        case "Object" -> {
                            if (designated != null) {
                                ocdByPid.put(designated, attribute(reader, "ocdref"));
                            }
                        }
                        default -> {
                            // names, descriptions, options, icons
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    switch (reader.getLocalName()) {
                        case "OCD" -> ocd = null;
                        case "Designate" -> designated = null;
                        default -> {
                        }
                    }
                }
            }
        } finally {
            reader.close();
        }
        Map<String, Map<String, AttributeBounds>> byPid = new HashMap<>();
        ocdByPid.forEach((pid, ref) -> byPid.put(pid, Map.copyOf(byOcd.getOrDefault(ref, Map.of()))));
        return byPid;
    }

    private static String attribute(XMLStreamReader reader, String name) {
        return reader.getAttributeValue(null, name);
    }
}
