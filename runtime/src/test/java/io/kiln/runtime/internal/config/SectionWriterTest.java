package io.kiln.runtime.internal.config;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SectionWriterTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void aValueIsChangedInPlaceKeepingCommentsAndOrder() throws Exception {
        Path file = Files.writeString(temp.getRoot().toPath().resolve("app.cfg"), """
                # The greeting
                text = Hello
                # how loud
                shout=false
                password = ${env:PW}
                """);
        SectionWriter.set(SectionFile.of(file), "shout", "true");
        assertEquals(List.of("# The greeting", "text = Hello", "# how loud", "shout = true", "password = ${env:PW}"),
                Files.readAllLines(file));
    }

    @Test
    public void aNewKeyIsAppended() throws Exception {
        Path file = Files.writeString(temp.getRoot().toPath().resolve("app.cfg"), "text = Hello\n");
        SectionWriter.set(SectionFile.of(file), "times", "2");
        assertEquals(List.of("text = Hello", "times = 2"), Files.readAllLines(file));
    }

    @Test
    public void severalValuesAreWrittenInOneGoNewKeysInTheirOrder() throws Exception {
        Path file = Files.writeString(temp.getRoot().toPath().resolve("kiln.agent~a.cfg"), "# agent\nprompt = Old\n");
        java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("prompt", "New");
        values.put("capabilities", "search, rank");
        values.put("owner", "docs");
        SectionWriter.set(SectionFile.of(file), values);
        assertEquals(List.of("# agent", "prompt = New", "capabilities = search, rank", "owner = docs"), Files.readAllLines(file));
    }

    @Test
    public void aContinuedValueIsReplacedWhole() throws Exception {
        Path file = Files.writeString(temp.getRoot().toPath().resolve("app.cfg"), "list = a,\\\n  b,\\\n  c\nafter = 1\n");
        SectionWriter.set(SectionFile.of(file), "list", "x");
        assertEquals(List.of("list = x", "after = 1"), Files.readAllLines(file));
    }

    @Test
    public void aCommentMentioningTheKeyIsNotTouched() throws Exception {
        Path file = Files.writeString(temp.getRoot().toPath().resolve("app.cfg"), "# text = old\ntext = Hello\n");
        SectionWriter.set(SectionFile.of(file), "text", "Hi\tthere");
        assertEquals(List.of("# text = old", "text = Hi\\tthere"), Files.readAllLines(file));
        assertEquals("Hi\tthere", SectionFile.of(file).read().get("text"));
    }

    @Test
    public void aTypedFileKeepsItsFormat() throws Exception {
        Path file = Files.writeString(temp.getRoot().toPath().resolve("app.config"), "# typed\ntimes=I\"1\"\nname=\"a\"\n");
        SectionWriter.set(SectionFile.of(file), "times", 3);
        assertEquals(List.of("# typed", "times=I\"3\"", "name=\"a\""), Files.readAllLines(file));
    }
}
