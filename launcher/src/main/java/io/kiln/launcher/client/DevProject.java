package io.kiln.launcher.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The plugin project {@code kiln dev} builds: a folder with {@code src/main/java} and either no {@code pom.xml} or one
 * whose packaging is {@code jar} (Maven's default). The plugin's symbolic name is the pom's {@code artifactId}, its
 * version the pom's (or its parent's), which Kiln turns into a bundle version as bnd-maven-plugin does; without a pom,
 * the folder's name and {@code 0.0.0-SNAPSHOT}. The pom is read with the JDK's XML parser, not Maven's model: no inheritance
 * beyond the parent's version, and {@code ${...}} only from the pom's own {@code <properties>}.
 */
record DevProject(Path dir, String symbolicName, String version, boolean hasPom) {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    static DevProject read(Path folder) throws ClientException {
        Path dir = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new ClientException("no such project folder: " + dir);
        }
        if (!Files.isDirectory(dir.resolve("src/main/java"))) {
            throw new ClientException(dir + " has no src/main/java: kiln dev builds a plugin project laid out as Maven's (sources in src/main/java)");
        }
        Path pom = dir.resolve("pom.xml");
        if (!Files.isRegularFile(pom)) {
            return new DevProject(dir, dir.getFileName().toString(), "0.0.0-SNAPSHOT", false);
        }
        Element project = parse(pom);
        Map<String, String> properties = properties(project);
        String packaging = text(project, "packaging", properties);
        if (packaging != null && !packaging.equals("jar")) {
            throw new ClientException(pom + " has <packaging>" + packaging + "</packaging>: kiln dev builds one plugin, a project whose packaging is jar"
                    + " (point it at the plugin's own folder)");
        }
        String artifactId = text(project, "artifactId", properties);
        if (artifactId == null || artifactId.isEmpty()) {
            throw new ClientException(pom + " has no <artifactId>: it names the plugin (its Bundle-SymbolicName)");
        }
        String version = text(project, "version", properties);
        Element parent = child(project, "parent");
        if (version == null && parent != null) {
            version = text(parent, "version", properties);
        }
        if (version == null || version.isEmpty()) {
            throw new ClientException(pom + " has no <version>, nor has its <parent>");
        }
        if (version.contains("${")) {
            throw new ClientException(pom + ": the version " + version + " refers to a property the pom does not set"
                    + " (kiln dev reads the pom itself, without Maven: set the property in its <properties> or write the version)");
        }
        return new DevProject(dir, artifactId, version, true);
    }

    Path sources() {
        return dir.resolve("src/main/java");
    }

    Path resources() {
        return dir.resolve("src/main/resources");
    }

    Path pom() {
        return dir.resolve("pom.xml");
    }

    Path bndFile() {
        return dir.resolve("bnd.bnd");
    }

    /** Where dev mode keeps what it writes (the class path Maven gives it), beside Maven's own output. */
    Path workFolder() {
        return dir.resolve("target/kiln-dev");
    }

    private static Element parse(Path pom) throws ClientException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null); // the exception says it; the parser's own stderr line would say it twice
            Element root = builder.parse(pom.toFile()).getDocumentElement();
            if (!root.getLocalName().equals("project")) {
                throw new ClientException(pom + " is not a Maven pom: its root element is <" + root.getLocalName() + ">, not <project>");
            }
            return root;
        } catch (SAXParseException e) {
            throw new ClientException(pom + ":" + e.getLineNumber() + ": not well-formed XML: " + e.getMessage());
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new ClientException("cannot read " + pom + ": " + e.getMessage());
        }
    }

    private static Map<String, String> properties(Element project) {
        Map<String, String> properties = new HashMap<>();
        Element block = child(project, "properties");
        if (block != null) {
            for (Node n = block.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    properties.put(e.getLocalName(), e.getTextContent().strip());
                }
            }
        }
        return properties;
    }

    /** The text of a direct child element, its {@code ${name}} references resolved from the pom's properties. */
    private static String text(Element parent, String name, Map<String, String> properties) {
        Element e = child(parent, name);
        if (e == null) {
            return null;
        }
        String value = e.getTextContent().strip();
        for (int i = 0; i < 10 && value.contains("${"); i++) { // a property may name another
            Matcher m = PROPERTY.matcher(value);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(properties.getOrDefault(m.group(1), m.group())));
            }
            m.appendTail(out);
            if (out.toString().equals(value)) {
                break;
            }
            value = out.toString();
        }
        return value;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }
}
