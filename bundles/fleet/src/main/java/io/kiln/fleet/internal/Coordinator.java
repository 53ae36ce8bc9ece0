package io.kiln.fleet.internal;

import java.time.Clock;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the rollout while this node holds the fleet's election: reads the rollout and the nodes, takes the
 * {@link RolloutStep}, writes the result by compare-and-set. It keeps nothing of the rollout between steps, so a node newly elected
 * after the last coordinator died carries on from what ZooKeeper holds.
 */
final class Coordinator {

    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);

    private final FleetStore store;
    /** More than a few missed looks (one a second) means this node was not coordinating meanwhile. */
    private static final long ABSENCE_MILLIS = 5_000;
    private final BooleanSupplier leader;
    private final Clock clock;
    /** When this node last took a step as coordinator; 0 before its first. */
    private long lastLook;

    Coordinator(FleetStore store, BooleanSupplier leader, Clock clock) {
        this.store = store;
        this.leader = leader;
        this.clock = clock;
    }

    /** Moves the rollout on as far as it goes now. */
    void drive() throws Exception {
        if (!leader.getAsBoolean()) {
            lastLook = 0;
            return;
        }
        long now = clock.millis();
        // newly elected, or back from a time without ZooKeeper: nodes could not report meanwhile, so the progress deadline
        // counts again from now, on this node's clock (which also replaces the publisher's in the rollout)
        boolean resumed = now - lastLook > ABSENCE_MILLIS;
        lastLook = now;
        for (int moves = 0; moves < 16 && leader.getAsBoolean(); moves++) {
            Optional<Versioned<Rollout>> current = store.rollout();
            if (current.isEmpty() || current.get().value().state().ended()) {
                return;
            }
            Rollout rollout = current.get().value();
            Rollout next = resumed && rollout.state().forward() ? rollout.resumedAt(now)
                    : new RolloutStep(rollout.settings()).next(rollout, store.statuses(), store.live(), clock.millis());
            resumed = false;
            if (next.equals(rollout)) {
                return;
            }
            if (!store.update(next, current.get().version())) {
                return; // changed under us (an operator, or a coordinator before this one): look again on the next wake-up
            }
            if (next.state() != rollout.state()) {
                LOG.info("fleet: rollout {} of {}: {} -> {}{}", next.id(), next.release(), rollout.state(), next.state(),
                        next.reason().isEmpty() ? "" : " (" + next.reason() + ")");
            } else if (!next.admitted().equals(rollout.admitted())) {
                LOG.info("fleet: rollout {} of {}: admitted {}", next.id(), next.release(), next.admitted());
            }
        }
    }
}
