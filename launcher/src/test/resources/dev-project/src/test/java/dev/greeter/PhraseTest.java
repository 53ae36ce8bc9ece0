package dev.greeter;

import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class PhraseTest {

    @Test
    public void itGreets() {
        assertTrue(Phrase.text(), Phrase.text().startsWith("Hello"));
    }
}
