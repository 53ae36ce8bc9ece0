package io.kiln.fleet.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Test;

public class RolloutStepTest {

    private static final long DEADLINE = 10_000;
    private static final RolloutSettings SETTINGS = new RolloutSettings(1, 1, 0, 500, DEADLINE);
    private final RolloutStep step = new RolloutStep(SETTINGS);
    private final Set<String> all = Set.of("a", "b", "c");
    private final Map<String, NodeStatus> statuses = new HashMap<>();

    /** Every node has said what it runs before a rollout starts: each writes its status as it joins. */
    private Rollout started() {
        for (String node : all) {
            says(node, "r-1", "r-1", NodeOutcome.APPLIED);
        }
        List<String> canaries = step.canaries(all, "a");
        return new Rollout(1, "r-2", "r-1", RolloutState.CANARY, false, canaries, canaries, 0, 0, "", List.of(), "", "a", SETTINGS);
    }

    private void says(String node, String release, String target, NodeOutcome outcome) {
        statuses.put(node, new NodeStatus(node, release, target, 1, outcome, outcome == NodeOutcome.FAILED ? "boom" : "", "http://127.0.0.1:1/", 0));
    }

    @Test
    public void theCanaryIsNotThePublisherThenBatchesFollowUntilEveryNodeRunsTheRelease() {
        Rollout rollout = started();
        assertEquals(List.of("b"), rollout.canaries());
        assertEquals("r-2", rollout.releaseFor("b"));
        assertEquals("r-1", rollout.releaseFor("a"));
        assertSame("nothing moves while the canary applies", rollout, step.next(rollout, statuses, all, 100));

        says("b", "r-2", "r-2", NodeOutcome.APPLIED);
        rollout = step.next(rollout, statuses, all, 200);
        assertEquals(RolloutState.VERIFYING, rollout.state());
        assertSame("the canary must run it for the verification time", rollout, step.next(rollout, statuses, all, 600));

        rollout = step.next(rollout, statuses, all, 700);
        assertEquals(RolloutState.PROGRESSING, rollout.state());
        assertEquals("one more node at a time (maxUnavailable 1)", List.of("b", "a"), rollout.admitted());

        says("a", "r-2", "r-2", NodeOutcome.APPLIED);
        rollout = step.next(rollout, statuses, all, 800);
        assertEquals(List.of("b", "a", "c"), rollout.admitted());
        says("c", "r-2", "r-2", NodeOutcome.APPLIED);
        rollout = step.next(rollout, statuses, all, 900);
        assertEquals(RolloutState.SUCCEEDED, rollout.state());
        assertEquals("r-2", rollout.releaseFor("anyone joining later"));
    }

    @Test
    public void aFailedCanaryRollsTheFleetBackAndNoOtherNodeIsAdmitted() {
        Rollout rollout = started();
        says("b", "r-1", "r-2", NodeOutcome.FAILED);
        rollout = step.next(rollout, statuses, all, 100);
        assertEquals(RolloutState.FAILED, rollout.state());
        assertTrue(rollout.reason(), rollout.reason().startsWith("the canary failed: b: boom"));
        assertEquals(List.of("b"), rollout.admitted());
        rollout = step.next(rollout, statuses, all, 200);
        assertEquals(RolloutState.ROLLING_BACK, rollout.state());
        // b undid its own change, so nobody runs r-2: the rollback is done at once
        rollout = step.next(rollout, statuses, all, 300);
        assertEquals(RolloutState.ROLLED_BACK, rollout.state());
        assertEquals("r-1", rollout.releaseFor("b"));
    }

    @Test
    public void aNodeThatAppliedTheReleaseIsWaitedForUntilItRunsThePreviousOneAgain() {
        Rollout rollout = new Rollout(1, "r-2", "r-1", RolloutState.PROGRESSING, false, List.of("b"), List.of("b", "a"), 0, 0, "",
                List.of(), "", "a", SETTINGS);
        says("b", "r-2", "r-2", NodeOutcome.APPLIED);
        says("a", "r-1", "r-2", NodeOutcome.FAILED);
        rollout = step.next(step.next(rollout, statuses, all, 100), statuses, all, 100);
        assertEquals(RolloutState.ROLLING_BACK, rollout.state());
        assertEquals("r-1", rollout.releaseFor("b"));
        assertSame(rollout.state(), step.next(rollout, statuses, all, 200).state());
        says("b", "r-1", "r-1", NodeOutcome.APPLIED);
        assertEquals(RolloutState.ROLLED_BACK, step.next(rollout, statuses, all, 300).state());
    }

    @Test
    public void failuresUpToTheThresholdAreToleratedAfterTheCanaries() {
        RolloutSettings tolerating = new RolloutSettings(1, 2, 1, 0, DEADLINE);
        RolloutStep tolerant = new RolloutStep(tolerating);
        Set<String> four = Set.of("a", "b", "c", "d");
        Rollout rollout = new Rollout(1, "r-2", "r-1", RolloutState.PROGRESSING, false, List.of("b"), List.of("b", "a", "c"), 0, 0,
                "", List.of(), "", "a", tolerating);
        says("b", "r-2", "r-2", NodeOutcome.APPLIED);
        says("a", "r-2", "r-2", NodeOutcome.APPLIED);
        says("c", "r-1", "r-2", NodeOutcome.FAILED);
        Rollout next = tolerant.next(rollout, statuses, four, 100);
        assertEquals(RolloutState.PROGRESSING, next.state());
        assertEquals(List.of("b", "a", "c", "d"), next.admitted());
        says("d", "r-1", "r-2", NodeOutcome.FAILED);
        assertEquals("two failures, one more than the threshold", RolloutState.FAILED, tolerant.next(next, statuses, four, 200).state());

        // with d applied instead, the rollout succeeds and says which node it went without
        says("d", "r-2", "r-2", NodeOutcome.APPLIED);
        Rollout done = tolerant.next(next, statuses, four, 200);
        assertEquals(RolloutState.SUCCEEDED, done.state());
        assertEquals("every node runs r-2 but c (failed, within the threshold of 1)", done.reason());
    }

    @Test
    public void theRolloutsOwnSettingsDecideNotTheCoordinators() {
        RolloutStep strict = new RolloutStep(new RolloutSettings(1, 1, 0, 0, DEADLINE));
        RolloutSettings tolerating = new RolloutSettings(1, 1, 5, 0, DEADLINE);
        Rollout rollout = new Rollout(1, "r-2", "r-1", RolloutState.PROGRESSING, false, List.of("b"), List.of("b", "a"), 0, 0, "",
                List.of(), "", "a", tolerating);
        says("b", "r-2", "r-2", NodeOutcome.APPLIED);
        says("a", "r-1", "r-2", NodeOutcome.FAILED);
        assertEquals(List.of("b", "a", "c"), strict.next(rollout, statuses, all, 100).admitted());
    }

    @Test
    public void aNodeBackAfterALongOutageGetsTheWholeDeadlineToReport() {
        Rollout rollout = started();
        Rollout waiting = step.next(rollout, statuses, Set.of("a", "c"), DEADLINE * 5);
        assertEquals("waiting for b (disconnected)", waiting.waiting());
        Rollout back = step.next(waiting, statuses, all, DEADLINE * 6);
        assertEquals("not failed for the time it was away", RolloutState.CANARY, back.state());
        assertEquals(DEADLINE * 6, back.batchSince());
        assertSame(back, step.next(back, statuses, all, DEADLINE * 7));
        assertEquals(RolloutState.FAILED, step.next(back, statuses, all, DEADLINE * 7 + 1).state());
    }

    @Test
    public void aCanaryThatDisconnectsOrTurnsUnhealthyWhileVerifyingHoldsOrFailsTheRollout() {
        Rollout rollout = started();
        says("b", "r-2", "r-2", NodeOutcome.APPLIED);
        Rollout verifying = step.next(rollout, statuses, all, 100);
        assertEquals(RolloutState.VERIFYING, verifying.state());
        Rollout held = step.next(verifying, statuses, Set.of("a", "c"), 700);
        assertEquals("not verified while it cannot report", RolloutState.VERIFYING, held.state());
        assertEquals("waiting for b (disconnected)", held.waiting());
        says("b", "r-2", "r-2", NodeOutcome.FAILED); // back, and reporting its plugin degraded
        Rollout back = step.next(held, statuses, all, 800);
        assertEquals(RolloutState.FAILED, step.next(back, statuses, all, 800).state());
    }

    @Test
    public void aForgottenNodeIsNotWaitedFor() {
        Rollout rollout = new Rollout(1, "r-2", "r-1", RolloutState.PROGRESSING, false, List.of("b"), List.of("b", "c"), 0, 0, "",
                List.of(), "", "a", SETTINGS);
        says("a", "r-2", "r-2", NodeOutcome.APPLIED);
        says("b", "r-2", "r-2", NodeOutcome.APPLIED);
        says("c", "r-1", "r-2", NodeOutcome.APPLYING);
        Set<String> withoutC = Set.of("a", "b");
        assertEquals("waiting for c (disconnected)", step.next(rollout, statuses, withoutC, 100).waiting());
        statuses.remove("c"); // kiln fleet forget c
        Rollout next = step.next(rollout, statuses, withoutC, 100);
        assertEquals("the next batch, as if c had never been", List.of("b", "c", "a"), next.admitted());
        assertEquals(RolloutState.SUCCEEDED, step.next(next, statuses, withoutC, 200).state());
    }

    @Test
    public void aPublisherThatLeftWhileValidatingFreesTheSlot() {
        Rollout claim = new Rollout(1, "", "r-1", RolloutState.VALIDATING, false, List.of(), List.of(), 0, 0, "", List.of(), "", "a", SETTINGS);
        assertSame(claim, step.next(claim, statuses, all, 100));
        Rollout left = step.next(claim, statuses, Set.of("b", "c"), 100);
        assertEquals(RolloutState.REFUSED, left.state());
        assertEquals("a left while it validated the release", left.reason());
        assertEquals(RolloutState.REFUSED, step.next(claim, statuses, all, DEADLINE + 1).state());
    }

    @Test
    public void aNodeStillApplyingTheReleaseIsWaitedForBeforeTheRollbackEnds() {
        Rollout rollout = new Rollout(1, "r-2", "r-1", RolloutState.ROLLING_BACK, false, List.of("b"), List.of("b", "a"), 0, 0, "",
                List.of(), "b failed", "a", SETTINGS);
        says("b", "r-1", "r-2", NodeOutcome.FAILED);
        says("a", "r-1", "r-2", NodeOutcome.APPLYING);
        assertEquals("rolling back a", step.next(rollout, statuses, all, 100).waiting());
        Rollout late = step.next(rollout, statuses, all, DEADLINE + 1);
        assertEquals(RolloutState.ROLLED_BACK, late.state());
        assertTrue(late.reason(), late.reason().contains("could not roll back a: did not roll back within the progress deadline"));
    }

    @Test
    public void aDisconnectedNodeHoldsTheRolloutInsteadOfBeingPassedOrFailed() {
        Rollout rollout = started();
        Rollout next = step.next(rollout, statuses, Set.of("a", "c"), DEADLINE * 5);
        assertEquals(RolloutState.CANARY, next.state());
        assertEquals("waiting for b (disconnected)", next.waiting());
        says("b", "r-2", "r-2", NodeOutcome.APPLIED);
        Rollout back = step.next(next, statuses, all, DEADLINE * 6);
        assertEquals("", back.waiting());
        assertEquals("it goes on once the node is back and has applied it", RolloutState.VERIFYING,
                step.next(back, statuses, all, DEADLINE * 6).state());
    }

    @Test
    public void aConnectedNodeSilentPastTheProgressDeadlineCountsAsFailed() {
        Rollout rollout = started();
        assertSame(rollout, step.next(rollout, statuses, all, DEADLINE));
        Rollout failed = step.next(rollout, statuses, all, DEADLINE + 1);
        assertEquals(RolloutState.FAILED, failed.state());
        assertTrue(failed.reason(), failed.reason().contains("b: no report within the progress deadline"));
    }

    @Test
    public void aPausedRolloutAdmitsNobodyUntilResumed() {
        Rollout rollout = new Rollout(1, "r-2", "r-1", RolloutState.PROGRESSING, true, List.of("b"), List.of("b"), 0, 0, "", List.of(), "", "a", SETTINGS);
        says("b", "r-2", "r-2", NodeOutcome.APPLIED);
        Rollout paused = step.next(rollout, statuses, all, 100);
        assertEquals(List.of("b"), paused.admitted());
        assertEquals("paused", paused.waiting());
        assertEquals(List.of("b", "a"), step.next(paused.pausing(false), statuses, all, 200).admitted());
    }

    @Test
    public void aNodeThatLeftAndNeverReturnedHoldsTheRolloutBeforeItSucceeds() {
        Rollout rollout = new Rollout(1, "r-2", "r-1", RolloutState.PROGRESSING, false, List.of("b"), List.of("b", "a"), 0, 0, "",
                List.of(), "", "a", SETTINGS);
        says("a", "r-2", "r-2", NodeOutcome.APPLIED);
        says("b", "r-2", "r-2", NodeOutcome.APPLIED);
        says("c", "r-1", "r-1", NodeOutcome.APPLIED);
        Rollout next = step.next(rollout, statuses, Set.of("a", "b"), 100);
        assertEquals(RolloutState.PROGRESSING, next.state());
        assertEquals("waiting for c (disconnected)", next.waiting());
    }
}
