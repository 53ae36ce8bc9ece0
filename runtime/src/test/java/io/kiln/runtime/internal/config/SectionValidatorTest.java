package io.kiln.runtime.internal.config;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.Test;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

public class SectionValidatorTest {

    /** A definition as a plugin's @ObjectClassDefinition declares it. */
    private record Attribute(String id, int type, int cardinality, String[] options, String[] defaults, boolean required)
            implements AttributeDefinition {
        public String getName() { return id; }
        public String getID() { return id; }
        public String getDescription() { return ""; }
        public int getCardinality() { return cardinality; }
        public int getType() { return type; }
        public String[] getOptionValues() { return options; }
        public String[] getOptionLabels() { return options; }
        public String validate(String value) { return null; }
        public String[] getDefaultValue() { return defaults; }
    }

    private record Definition(List<Attribute> attributes) implements ObjectClassDefinition {
        public String getName() { return "Test"; }
        public String getID() { return "test"; }
        public String getDescription() { return ""; }
        public AttributeDefinition[] getAttributeDefinitions(int filter) {
            return attributes.stream().filter(a -> filter == ALL || (filter == REQUIRED) == a.required())
                    .toArray(AttributeDefinition[]::new);
        }
        public InputStream getIcon(int size) { return null; }
    }

    private static final Definition DEFINITION = new Definition(List.of(
            new Attribute("name", AttributeDefinition.STRING, 0, null, null, true),
            new Attribute("times", AttributeDefinition.INTEGER, 0, null, new String[] { "1" }, true),
            new Attribute("shout", AttributeDefinition.BOOLEAN, 0, null, new String[] { "false" }, true),
            new Attribute("level", AttributeDefinition.STRING, 0, new String[] { "low", "high" }, new String[] { "low" }, true),
            new Attribute("tags", AttributeDefinition.STRING, 10, null, null, false)));

    private final SectionValidator validator = new SectionValidator(new Placeholders(Map.of("WHO", "Ada")::get, name -> null));

    private static Dictionary<String, Object> values(Object... keysAndValues) {
        Hashtable<String, Object> values = new Hashtable<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return values;
    }

    private SectionValidator.Validated validate(Dictionary<String, Object> values) throws SectionException {
        return validator.validate(SectionFile.of(Path.of("conf/test.cfg")), values, DEFINITION);
    }

    private String refusal(Dictionary<String, Object> values) {
        return assertThrows(SectionException.class, () -> validate(values)).getMessage();
    }

    @Test
    public void valuesAreConvertedToTheirDeclaredTypes() throws Exception {
        SectionValidator.Validated v = validate(values("name", "${env:WHO}", "times", " 3 ", "shout", "TRUE", "level", "high", "tags", "a, b,c"));
        assertEquals("Ada", v.values().get("name"));
        assertEquals(3, v.values().get("times"));
        assertEquals(Boolean.TRUE, v.values().get("shout"));
        assertArrayEquals(new String[] { "a", "b", "c" }, (String[]) v.values().get("tags"));
        assertTrue(v.warnings().isEmpty());
    }

    @Test
    public void eachRefusalNamesFileKeyExpectationAndValue() {
        assertEquals("test.cfg: times: expected an integer, found 'lots'", refusal(values("name", "a", "times", "lots")));
        assertEquals("test.cfg: shout: expected true or false, found 'yes'", refusal(values("name", "a", "shout", "yes")));
        assertEquals("test.cfg: level: expected one of low, high, found 'medium'", refusal(values("name", "a", "level", "medium")));
        assertEquals("test.cfg: missing required value 'name' (text)", refusal(values("times", "2")));
    }

    @Test
    public void unknownKeysAreWarnedAboutNotRefused() throws Exception {
        SectionValidator.Validated v = validate(values("name", "a", "colour", "blue", "kiln.section.file", "test.cfg"));
        assertEquals(1, v.warnings().size());
        assertTrue(v.warnings().get(0), v.warnings().get(0).startsWith("test.cfg: unknown key 'colour' (Test knows: name, times"));
    }

    @Test
    public void withoutADefinitionOnlyPlaceholdersAreResolved() throws Exception {
        SectionValidator.Validated v = validator.validate(SectionFile.of(Path.of("x.cfg")), values("a", "${env:WHO}", "b", "2"), null);
        assertEquals("Ada", v.values().get("a"));
        assertEquals("2", v.values().get("b"));
    }

    @Test
    public void randomValuesNeverFailWithAnythingButTheValidatorsOwnError() {
        Random random = new Random(7);
        String alphabet = "0123456789-+.eE,${}:abtrufalsehighlow ";
        for (int round = 0; round < 5_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String key = List.of("name", "times", "shout", "level", "tags", "other").get(random.nextInt(6));
            try {
                validate(values("name", "a", key, text.toString()));
            } catch (SectionException expected) {
                // the validator's own clear error
            }
        }
    }
}
