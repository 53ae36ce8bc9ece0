package io.kiln.fleet.internal;

import java.util.List;

/**
 * The fleet as one node sees it, for {@code kiln fleet status}, the API and the page.
 *
 * @param fleet       its name
 * @param node        this node
 * @param connected   whether this node reaches ZooKeeper now (when not, the rest is as last seen: empty)
 * @param coordinator whether this node drives rollouts now
 * @param current     the release the fleet runs ({@code ""}: none yet)
 * @param rollout     the running or last rollout, if any
 * @param nodes       every node the fleet knows
 */
record FleetView(String fleet, String node, boolean connected, boolean coordinator, String current, Rollout rollout,
        List<NodeView> nodes) {

    /** @return this view as last seen, now that this node is cut off from ZooKeeper */
    FleetView disconnected() {
        return new FleetView(fleet, node, false, false, current, rollout, nodes);
    }

    /**
     * @param node      its name
     * @param connected whether it has a ZooKeeper session now
     * @param status    what it last said, or {@code null} if it never did
     */
    record NodeView(String node, boolean connected, NodeStatus status) {
    }
}
