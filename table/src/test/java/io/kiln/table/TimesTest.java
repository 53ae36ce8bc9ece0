package io.kiln.table;

import static org.junit.Assert.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.Test;

public class TimesTest {

    @Test
    public void aMomentIsPrintedToTheSecondInTheZoneGiven() {
        Instant time = Instant.parse("2026-12-02T01:39:00.754317488Z");
        assertEquals("2026-12-02 01:39:00", Times.moment(time, ZoneOffset.UTC));
        assertEquals("2026-12-02 02:39:00", Times.moment(time, ZoneId.of("Europe/Paris")));
    }

    @Test
    public void theApisTextIsPrintedAsTheShellPrintsTheSameMoment() {
        assertEquals("2026-12-02 01:39:00", Times.moment("2026-12-02T01:39:00.754317488Z", ZoneOffset.UTC));
    }

    @Test
    public void textThatIsNoTimeIsPrintedAsItIs() {
        assertEquals("", Times.moment("", ZoneOffset.UTC));
        assertEquals("yesterday", Times.moment("yesterday", ZoneOffset.UTC));
    }
}
