package io.kiln.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

public class CallsBenchTest {

    private static CallFigures figures(String phase, long failures) {
        return new CallFigures(phase, "(" + phase + ")", 8, 1000, failures, 1_000_000_000L, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0,
                failures == 0 ? List.of() : List.of("ReloadInProgressException: waited 5000 ms"), List.of(), List.of());
    }

    @Test
    public void aFailedCallThroughHandlesFailsTheRunAndSaysWhich() {
        String why = CallsBench.failedThroughHandles(List.of(figures("steady", 0), figures("reloads", 2))).orElseThrow();
        assertTrue(why, why.startsWith("2 of 1000 calls failed through handles in phase (reloads)"));
        assertTrue(why, why.contains("waited 5000 ms"));
    }

    @Test
    public void failedCallsWithoutHandlesAreTheComparisonsFigureNotAFailure() {
        assertEquals(java.util.Optional.empty(),
                CallsBench.failedThroughHandles(List.of(figures("rollback", 0), figures("direct-all", 3275))));
    }
}
