package io.kiln.fleet.internal;

import java.time.Clock;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the rollout while this node holds the fleet's election: reads the rollout and the nodes, takes the
 * {@link RolloutStep}, writes the result by compare-and-set. It keeps nothing between steps, so a node newly elected
 * after the last coordinator died carries on from what ZooKeeper holds.
 */
final class Coordinator {

    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);

    private final FleetStore store;
    private final RolloutStep step;
    private final BooleanSupplier leader;
    private final Clock clock;

    Coordinator(FleetStore store, RolloutStep step, BooleanSupplier leader, Clock clock) {
        this.store = store;
        this.step = step;
        this.leader = leader;
        this.clock = clock;
    }

    /** Moves the rollout on as far as it goes now. */
    void drive() throws Exception {
        for (int moves = 0; moves < 16 && leader.getAsBoolean(); moves++) {
            Optional<Versioned<Rollout>> current = store.rollout();
            if (current.isEmpty() || current.get().value().state().ended()) {
                return;
            }
            Rollout rollout = current.get().value();
            Rollout next = step.next(rollout, store.statuses(), store.live(), clock.millis());
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
