package io.kiln.runtime.internal.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Optional;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SectionFileTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void aPlainSectionIsItsPidAndAHyphenIsJustACharacter() throws Exception {
        SectionFile section = SectionFile.of(Path.of("conf/org.example.my-service.cfg"));
        assertEquals("org.example.my-service", section.pid());
        assertEquals(Optional.empty(), section.name());
        assertEquals("org.example.my-service", section.configurationPid());
    }

    @Test
    public void aTildeNamesAFactoryInstance() throws Exception {
        SectionFile section = SectionFile.of(Path.of("conf/kiln.agent~triage-bot.cfg"));
        assertEquals("kiln.agent", section.pid());
        assertEquals(Optional.of("triage-bot"), section.name());
        assertEquals("kiln.agent~triage-bot", section.configurationPid());
    }

    @Test
    public void aNameWithoutPidIsRefusedWithTheExpectedForm() {
        SectionException e = assertThrows(SectionException.class, () -> SectionFile.of(Path.of("conf/~x.cfg")));
        assertEquals("~x.cfg: the file name must be <pid>.cfg or <factoryPid>~<name>.cfg", e.getMessage());
        assertThrows(SectionException.class, () -> SectionFile.of(Path.of("conf/pid~.cfg")));
    }

    @Test
    public void onlyEnabledCfgAndConfigFilesAreSections() {
        assertTrue(SectionFile.isSection(Path.of("a.cfg")));
        assertTrue(SectionFile.isSection(Path.of("a.config")));
        assertFalse(SectionFile.isSection(Path.of("kiln.properties")));
        assertFalse(SectionFile.isSection(Path.of(".a.cfg")));
        assertFalse(SectionFile.isSection(Path.of("_a.cfg")));
    }

    @Test
    public void cfgValuesAreTrimmedStrings() throws Exception {
        Path file = Files.writeString(temp.getRoot().toPath().resolve("p.cfg"), "# comment\ntext = Hello  \ntimes=2\n");
        Dictionary<String, Object> values = SectionFile.of(file).read();
        assertEquals("Hello", values.get("text"));
        assertEquals("2", values.get("times"));
    }

    @Test
    public void typedConfigValuesKeepTheirType() throws Exception {
        Path file = Files.writeString(temp.getRoot().toPath().resolve("p.config"), "times=I\"3\"\nshout=B\"true\"\n");
        Dictionary<String, Object> values = SectionFile.of(file).read();
        assertEquals(3, values.get("times"));
        assertEquals(Boolean.TRUE, values.get("shout"));
    }

    @Test
    public void randomFilesNeverFailWithAnythingButTheReadersOwnError() throws Exception {
        java.util.Random random = new java.util.Random(11);
        for (int round = 0; round < 2_000; round++) {
            byte[] bytes = new byte[random.nextInt(80)];
            random.nextBytes(bytes);
            for (String name : new String[] { "r.cfg", "r.config" }) {
                Path file = Files.write(temp.getRoot().toPath().resolve(name), bytes);
                try {
                    SectionFile.of(file).read();
                } catch (SectionException expected) {
                    // the reader's own clear error
                }
            }
        }
    }

    @Test
    public void aMalformedTypedFileNamesTheFile() throws Exception {
        Path file = Files.writeString(temp.getRoot().toPath().resolve("p.config"), "times=I\"3\n");
        SectionException e = assertThrows(SectionException.class, () -> SectionFile.of(file).read());
        assertTrue(e.getMessage(), e.getMessage().startsWith("p.config: cannot be read as a typed .config file"));
    }

    @Test
    public void aBadUnicodeEscapeIsNamedWithItsLine() throws Exception {
        Path file = Files.writeString(temp.getRoot().toPath().resolve("p.cfg"), "a = 1\nb = \\\\u not an escape\ntext = Hi \\uZZZZ\n");
        SectionException e = assertThrows(SectionException.class, () -> SectionFile.of(file).read());
        assertEquals("p.cfg, line 3: cannot be read as a .cfg properties file: a \\u escape needs four hexadecimal digits, as in \\u00e9 (a backslash itself is written \\\\)", e.getMessage());
    }

    @Test
    public void bytesThatAreNotUtf8AreNamedWithTheirLine() throws Exception {
        Path file = temp.getRoot().toPath().resolve("p.cfg");
        Files.write(file, new byte[] { 'a', '=', '1', '\n', 'b', '=', (byte) 0xE9, '\n' });
        SectionException e = assertThrows(SectionException.class, () -> SectionFile.of(file).read());
        assertEquals("p.cfg, line 2: cannot be read as a .cfg properties file: not UTF-8 text", e.getMessage());
    }
}
