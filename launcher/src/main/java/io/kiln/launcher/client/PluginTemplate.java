package io.kiln.launcher.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The new-plugin template of {@code kiln-plugin-archetype} (in {@code lib/}), rendered as {@code mvn archetype:generate}
 * renders it: its {@code archetype-metadata.xml} says which files are copied, which are filtered and which go into
 * the package's folder; {@code __name__} in a path and {@code ${name}} in a filtered file become the variable's value.
 * Any other {@code ${...}} (such as {@code ${project.version}}) is left as it is, as Velocity leaves an unknown
 * reference; the archetype's own test keeps the template free of the rest of Velocity's syntax.
 */
final class PluginTemplate {

    static final String METADATA = "META-INF/maven/archetype-metadata.xml";
    private static final String RESOURCES = "archetype-resources/";
    private static final String POM_PROPERTIES = "META-INF/maven/io.kiln/kiln-plugin-archetype/pom.properties";
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}");
    private static final Pattern PATH_TOKEN = Pattern.compile("__([A-Za-z_][A-Za-z0-9_]*)__");

    /** One {@code <fileSet>} of the descriptor. */
    record FileSet(String directory, boolean filtered, boolean packaged, List<Pattern> includes) {

        /** @return the file's path below {@link #directory}, or {@code null} when this set does not hold it */
        String match(String path) {
            String prefix = directory.isEmpty() ? "" : directory + "/";
            if (!path.startsWith(prefix)) {
                return null;
            }
            String rest = path.substring(prefix.length());
            return includes.stream().anyMatch(p -> p.matcher(rest).matches()) ? rest : null;
        }
    }

    private final Map<String, String> files;
    private final List<FileSet> fileSets;
    private final Map<String, String> requiredProperties;
    private final String kilnVersion;

    PluginTemplate(Map<String, String> files, List<FileSet> fileSets, Map<String, String> requiredProperties, String kilnVersion) {
        this.files = files;
        this.fileSets = fileSets;
        this.requiredProperties = requiredProperties;
        this.kilnVersion = kilnVersion;
    }

    /** @return the template of the archetype jar on the class path (lib/kiln-plugin-archetype.jar) */
    static PluginTemplate load() throws IOException {
        URL metadata = PluginTemplate.class.getClassLoader().getResource(METADATA);
        if (metadata == null) {
            throw new IOException("the plugin template is missing: no " + METADATA + " on the class path (lib/kiln-plugin-archetype.jar)");
        }
        try {
            if (metadata.getProtocol().equals("jar")) {
                String jar = metadata.getPath().substring(0, metadata.getPath().indexOf("!/"));
                try (FileSystem zip = FileSystems.newFileSystem(Path.of(new URL(jar).toURI()))) {
                    return read(zip.getPath("/"));
                }
            }
            return read(Path.of(metadata.toURI()).getParent().getParent().getParent());
        } catch (URISyntaxException e) {
            throw new IOException("cannot read the plugin template at " + metadata + ": " + e.getMessage(), e);
        }
    }

    /** Reads the template from the root of the archetype's jar (or its classes folder). */
    static PluginTemplate read(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        Path resources = root.resolve(RESOURCES);
        try (Stream<Path> walk = Files.walk(resources)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(resources.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        Document descriptor;
        try (InputStream in = Files.newInputStream(root.resolve(METADATA))) {
            descriptor = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException("cannot read " + METADATA + ": " + e.getMessage(), e);
        }
        List<FileSet> fileSets = new ArrayList<>();
        NodeList sets = descriptor.getElementsByTagName("fileSet");
        for (int i = 0; i < sets.getLength(); i++) {
            Element set = (Element) sets.item(i);
            List<Pattern> includes = new ArrayList<>();
            NodeList patterns = set.getElementsByTagName("include");
            for (int j = 0; j < patterns.getLength(); j++) {
                includes.add(antPattern(patterns.item(j).getTextContent().strip()));
            }
            fileSets.add(new FileSet(text(set, "directory"), "true".equals(set.getAttribute("filtered")),
                    "true".equals(set.getAttribute("packaged")), includes));
        }
        Map<String, String> required = new LinkedHashMap<>();
        NodeList properties = descriptor.getElementsByTagName("requiredProperty");
        for (int i = 0; i < properties.getLength(); i++) {
            Element property = (Element) properties.item(i);
            required.put(property.getAttribute("key"), text(property, "defaultValue"));
        }
        Properties pom = new Properties();
        Path pomProperties = root.resolve(POM_PROPERTIES);
        if (Files.exists(pomProperties)) {
            try (InputStream in = Files.newInputStream(pomProperties)) {
                pom.load(in);
            }
        }
        return new PluginTemplate(files, fileSets, required, pom.getProperty("version", ""));
    }

    private static String text(Element parent, String child) {
        NodeList nodes = parent.getElementsByTagName(child);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
    }

    /** An include pattern as the archetype plugin reads it: {@code **}/ any folders (or none), {@code *} any name part. */
    static Pattern antPattern(String include) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < include.length(); i++) {
            char c = include.charAt(i);
            if (include.startsWith("**/", i)) {
                regex.append("(?:.*/)?");
                i += 2;
            } else if (include.startsWith("**", i)) {
                regex.append(".*");
                i += 1;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /** @return the descriptor's required properties beyond archetype:generate's own, with their default values as written */
    Map<String, String> requiredProperties() {
        return requiredProperties;
    }

    /** @return a new project's version: the descriptor's default, as archetype:generate gives it */
    String defaultVersion() {
        return requiredProperties.getOrDefault("version", "1.0-SNAPSHOT");
    }

    /** @return the Kiln version the template was built for (its pom's parent) */
    String kilnVersion() {
        return kilnVersion;
    }

    /**
     * Renders the project.
     *
     * @param variables {@code groupId}, {@code artifactId}, {@code version}, {@code package} and each required property
     * @return the project's files: path (with {@code /}) to content, sorted by path
     * @throws IllegalArgumentException when a variable is missing
     */
    Map<String, String> render(Map<String, String> variables) {
        for (String name : List.of("groupId", "artifactId", "version", "package")) {
            require(variables, name);
        }
        requiredProperties.keySet().forEach(name -> require(variables, name));
        String packagePath = variables.get("package").replace('.', '/');
        Map<String, String> project = new TreeMap<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            String path = file.getKey();
            if (path.equals("pom.xml")) {
                project.put(path, substitute(file.getValue(), variables));
                continue;
            }
            for (FileSet set : fileSets) {
                String rest = set.match(path);
                if (rest != null) {
                    String target = (set.directory().isEmpty() ? "" : set.directory() + "/") + (set.packaged() ? packagePath + "/" : "") + rest;
                    project.put(pathTokens(target, variables), set.filtered() ? substitute(file.getValue(), variables) : file.getValue());
                    break;
                }
            }
        }
        return project;
    }

    private static void require(Map<String, String> variables, String name) {
        if (variables.get(name) == null) {
            throw new IllegalArgumentException("the template needs a value for " + name);
        }
    }

    /** {@code ${name}} of a known variable becomes its value; anything else stays as it is. */
    static String substitute(String text, Map<String, String> variables) {
        return replace(REFERENCE, text, variables);
    }

    private static String pathTokens(String path, Map<String, String> variables) {
        return replace(PATH_TOKEN, path, variables);
    }

    private static String replace(Pattern pattern, String text, Map<String, String> variables) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
