package io.kiln.fleet.internal;

/** An operator's request the fleet cannot take now (a rollout is running, a plugin here is broken, …), in words. */
final class FleetRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    FleetRefusal(String message) {
        super(message);
    }
}
