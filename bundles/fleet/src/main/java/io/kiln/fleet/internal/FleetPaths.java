package io.kiln.fleet.internal;

/**
 * Where a fleet keeps what it knows in ZooKeeper: the one home of the layout.
 * <pre>
 * /kiln/fleets/&lt;fleet&gt;/secret          the token with which nodes fetch each other's jars
 *                      /releases/r-N       each release (immutable)
 *                      /current            the release the fleet runs (the last one that succeeded)
 *                      /rollout            the rollout running or last ended
 *                      /rollouts/N         every ended rollout (the history)
 *                      /status/&lt;node&gt;      what each node last said (persistent)
 *                      /live/&lt;node&gt;        each connected node (ephemeral: gone with its session)
 *                      /coordinator        the election of the node that drives rollouts
 * </pre>
 */
final class FleetPaths {

    private final String root;

    FleetPaths(String fleet) {
        if (!fleet.matches(FleetSettings.NAME)) {
            throw new IllegalArgumentException("a fleet's name is letters, digits, '.', '_' and '-', not '" + fleet + "'");
        }
        this.root = "/kiln/fleets/" + fleet;
    }

    String root() {
        return root;
    }

    String secret() {
        return root + "/secret";
    }

    String releases() {
        return root + "/releases";
    }

    String releasePrefix() {
        return releases() + "/r-";
    }

    String release(String id) {
        return releases() + "/" + id;
    }

    String current() {
        return root + "/current";
    }

    String rollout() {
        return root + "/rollout";
    }

    String rollouts() {
        return root + "/rollouts";
    }

    String endedRollout(long id) {
        return String.format("%s/%010d", rollouts(), id);
    }

    String statuses() {
        return root + "/status";
    }

    String status(String node) {
        return statuses() + "/" + node;
    }

    String lives() {
        return root + "/live";
    }

    String live(String node) {
        return lives() + "/" + node;
    }

    String coordinator() {
        return root + "/coordinator";
    }
}
