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
            new Attribute("tags", AttributeDefinition.STRING, 10, null, null, false),
            new Attribute("percent", AttributeDefinition.INTEGER, 0, null, null, false),
            new Attribute("ratio", AttributeDefinition.DOUBLE, 0, null, null, false),
            new Attribute("code", AttributeDefinition.STRING, 0, null, null, false)));

    /** As the plugin's Metatype XML declares them: {@code min} and {@code max}. */
    private static final Map<String, AttributeBounds> BOUNDS = Map.of("percent", new AttributeBounds("10", "100"),
            "ratio", new AttributeBounds(null, "0.5"), "code", new AttributeBounds("2", "4"));

    private final SectionValidator validator = new SectionValidator(new Placeholders(Map.of("WHO", "Ada")::get, name -> null));

    private static Dictionary<String, Object> values(Object... keysAndValues) {
        Hashtable<String, Object> values = new Hashtable<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return values;
    }

    private SectionValidator.Validated validate(Dictionary<String, Object> values) throws SectionException {
        return validator.validate(SectionFile.of(Path.of("conf/test.cfg")), values, new SectionDefinition(DEFINITION, BOUNDS));
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
    public void aValueOutOfBoundsIsRefusedNamingTheBound() throws Exception {
        assertEquals("test.cfg: percent: '9' is less than the minimum 10", refusal(values("name", "a", "percent", "9")));
        assertEquals("test.cfg: percent: '101' is greater than the maximum 100", refusal(values("name", "a", "percent", " 101 ")));
        assertEquals("test.cfg: ratio: '0.75' is greater than the maximum 0.5", refusal(values("name", "a", "ratio", "0.75")));
        assertEquals("test.cfg: code: 'a' is shorter than the minimum length 2", refusal(values("name", "a", "code", "a")));
        assertEquals("test.cfg: code: 'abcde' is longer than the maximum length 4", refusal(values("name", "a", "code", "abcde")));
        assertEquals("not a number is still said so", "test.cfg: percent: expected an integer, found 'lots'",
                refusal(values("name", "a", "percent", "lots")));
        SectionValidator.Validated v = validate(values("name", "a", "percent", "10", "ratio", "0.5", "code", "abcd"));
        assertEquals(10, v.values().get("percent"));
        assertEquals(0.5, v.values().get("ratio"));
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
        String alphabet = "0123456789-+.eE,${}:abtrufalsehighlowNInfityxpdF ";
        for (int round = 0; round < 5_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String key = List.of("name", "times", "shout", "level", "tags", "other", "percent", "ratio", "code").get(random.nextInt(9));
            try {
                validate(values("name", "a", key, text.toString()));
            } catch (SectionException expected) {
                // the validator's own clear error
            }
        }
    }
}
