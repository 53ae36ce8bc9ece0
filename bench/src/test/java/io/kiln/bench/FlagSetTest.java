package io.kiln.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

public class FlagSetTest {

    @Test
    public void theSetsComeInTheOrderGivenForTheRoundsToInterleaveThem() {
        List<FlagSet> sets = FlagSet.parse("old, server,server+cds");
        assertEquals(List.of("old", "server", "server+cds"), sets.stream().map(FlagSet::name).toList());
        assertEquals("server-cds", sets.get(2).folder());
    }

    @Test
    public void oldIsThePinnedOptionsOfBeforeOnTheDevSet() {
        FlagSet old = FlagSet.parse("old").get(0);
        assertEquals("dev", old.kilnJvm());
        assertEquals("-XX:+UseSerialGC -Xms16m -Xmx512m -XX:TieredStopAtLevel=1 -Xshare:auto", old.javaOptions());
        assertFalse(old.cds());
    }

    @Test
    public void serverG1IsTheServerSetOnG1() {
        FlagSet set = FlagSet.parse("server-g1+cds").get(0);
        assertEquals("server", set.kilnJvm());
        assertEquals("-XX:-UseSerialGC -XX:+UseG1GC", set.javaOptions());
        assertTrue(set.cds());
    }

    @Test
    public void serverEagerC2IsTheServerSetWithTheJvmsOwnC2Thresholds() {
        FlagSet set = FlagSet.parse("server-eager-c2").get(0);
        assertEquals("server", set.kilnJvm());
        assertEquals("-XX:Tier4InvocationThreshold=5000 -XX:Tier4MinInvocationThreshold=600 -XX:Tier4CompileThreshold=15000 "
                + "-XX:Tier4BackEdgeThreshold=40000", set.javaOptions());
    }

    @Test
    public void anUnknownOrRepeatedSetIsRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FlagSet.parse("server,fast")).getMessage()
                .contains("unknown set 'fast'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FlagSet.parse("old,old")).getMessage().contains("twice"));
    }

    @Test
    public void theOptionTakesTheSetsAndIsARunOfItsOwn() {
        BenchOptions options = BenchOptions.parse(List.of("--kiln", "k", "--flags", "old,server", "--launches", "12"));
        assertEquals(2, options.flags().size());
        assertEquals(12, options.launches());
        assertTrue(BenchOptions.parse(List.of("--kiln", "k")).flags().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--kiln", "k", "--flags", "old", "--calls-only")));
    }
}
