package io.kiln.archetype;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.Test;

/**
 * The template is rendered two ways: by the archetype plugin, through Velocity, and by {@code kiln new plugin},
 * which replaces {@code ${name}} of the template's variables and nothing else. Both give the same files only while
 * the template holds nothing else Velocity would act on; this test keeps it so.
 */
public class TemplateSyntaxTest {

    /** The template's variables: archetype:generate's own, and the descriptor's required property. */
    static final Set<String> VARIABLES = Set.of("groupId", "artifactId", "version", "package", "scope");

    /** Velocity directives and comments ({@code ##}, {@code #*}, {@code #if}, {@code #set}, {@code #{end}}, a macro call). */
    private static final Pattern DIRECTIVE = Pattern.compile("#[#*\\[{A-Za-z@]");
    /** {@code $!x}, {@code $!{x}}, {@code \$x}: quiet and escaped references. */
    private static final Pattern QUIET_OR_ESCAPED = Pattern.compile("\\$!|\\\\\\$");
    /** A reference Velocity would resolve: {@code ${name...}} or {@code $name...}. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_-]*)(\\}?)");

    private static final Path TEMPLATE = Path.of(System.getProperty("kiln.template", "src/main/resources/archetype-resources"));

    @Test
    public void theTemplateHoldsNothingButItsVariablesForVelocity() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TEMPLATE)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String where = TEMPLATE.relativize(file) + ":" + (i + 1) + ": ";
                    String line = lines.get(i);
                    if (DIRECTIVE.matcher(line).find()) {
                        problems.add(where + "a Velocity directive or comment (#): " + line);
                    }
                    if (QUIET_OR_ESCAPED.matcher(line).find()) {
                        problems.add(where + "a quiet or escaped Velocity reference: " + line);
                    }
                    Matcher reference = REFERENCE.matcher(line);
                    while (reference.find()) {
                        boolean braced = line.charAt(reference.start() + 1) == '{';
                        String name = reference.group(1);
                        if (braced && !(VARIABLES.contains(name) && reference.group(2).equals("}"))) {
                            problems.add(where + "${" + name + "...} is not one of the template's variables " + VARIABLES + ": " + line);
                        }
                        if (!braced && VARIABLES.stream().anyMatch(name::startsWith)) {
                            problems.add(where + "$" + name + " without braces: Velocity would replace it, kiln new would not: " + line);
                        }
                    }
                }
            }
        }
        assertTrue(String.join("\n", problems), problems.isEmpty());
    }
}
