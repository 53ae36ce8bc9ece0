package io.kiln.runtime.internal.deploy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;

import io.kiln.runtime.api.BundleState;
import io.kiln.runtime.internal.health.PluginHealthChecks;
import io.kiln.runtime.internal.scr.ComponentStates;

/**
 * Decides whether a plugin works after a change: its bundle is ACTIVE, none of its DS components failed to
 * activate, none lost a reference it had before, and its own health checks pass ({@link PluginHealthChecks}: run
 * through the Felix executor, each given the verification timeout).
 * <p>
 * A component waiting for its configuration, or for a service no plugin offers yet, is not a failure: plugins
 * arrive in any order. A component that was satisfied before the change and is not after it is.
 */
final class PluginVerifier {

    private final ComponentStates components;
    private final PluginHealthChecks health;
    private volatile long timeoutMillis;

    PluginVerifier(ComponentStates components, PluginHealthChecks health, long timeoutMillis) {
        this.components = components;
        this.health = health;
        this.timeoutMillis = timeoutMillis;
    }

    void timeoutMillis(long millis) {
        this.timeoutMillis = millis;
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    /** The state of each component of a bundle now, to compare with after a change. */
    Map<String, Integer> componentStates(Bundle bundle) {
        return components.snapshot(bundle);
    }

    /**
     * Waits, up to the timeout, for the plugin to settle and checks it.
     *
     * @param before the component states before the change ({@link #componentStates})
     * @throws VerificationException saying what does not work
     */
    void verify(Bundle bundle, Map<String, Integer> before) throws VerificationException {
        verify(bundle, before, () -> true);
    }

    /**
     * As {@link #verify(Bundle, Map)}, for a plugin that depends on the changed one: one of its components that failed
     * to activate may have met the changed plugin in flux (SCR tries again once the service it needs returns), so
     * the failure counts only once {@code causeKnown} says the changed plugin has failed itself, or at the timeout.
     */
    void verifyDependent(Bundle bundle, Map<String, Integer> before, BooleanSupplier causeKnown) throws VerificationException {
        verify(bundle, before, causeKnown);
    }

    /**
     * Verifies plugins that were not running before (a batch of new ones), as {@link #verify(Bundle, Map)} does each:
     * their components read once for all of them, and only one that has not settled yet is waited for by itself.
     *
     * @return each plugin that does not work, with why
     */
    Map<Bundle, String> verifyNew(Collection<Bundle> bundles) {
        Map<Long, List<ComponentStates.Component>> now = components.ofAll();
        Map<Bundle, String> failed = new LinkedHashMap<>();
        for (Bundle bundle : bundles) {
            try {
                if (bundle.getState() == Bundle.ACTIVE && settled(now.getOrDefault(bundle.getBundleId(), List.of()))) {
                    checkHealth(bundle);
                } else {
                    verify(bundle, Map.of());
                }
            } catch (VerificationException e) {
                failed.put(bundle, e.getMessage());
            }
        }
        return failed;
    }

    private static boolean settled(List<ComponentStates.Component> components) {
        List<String> pending = new ArrayList<>();
        try {
            for (ComponentStates.Component component : components) {
                check(component, Map.of(), pending);
            }
        } catch (VerificationException e) {
            return false; // verified by itself, which says why
        }
        return pending.isEmpty();
    }

    private void verify(Bundle bundle, Map<String, Integer> before, BooleanSupplier failuresFinal) throws VerificationException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            List<String> pending = new ArrayList<>();
            if (bundle.getState() != Bundle.ACTIVE) {
                throw new VerificationException("bundle is " + BundleState.of(bundle.getState()) + ", not ACTIVE");
            }
            for (ComponentStates.Component component : components.of(bundle)) {
                if (component.state() == ComponentConfigurationDTO.FAILED_ACTIVATION && !failuresFinal.getAsBoolean()) {
                    pending.add(component.problem());
                    continue;
                }
                check(component, before, pending);
            }
            if (pending.isEmpty()) {
                checkHealth(bundle);
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new VerificationException(String.join("; ", pending) + " (after " + timeoutMillis + " ms)");
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VerificationException("interrupted while verifying");
            }
        }
    }

    private static void check(ComponentStates.Component component, Map<String, Integer> before, List<String> pending)
            throws VerificationException {
        switch (component.state()) {
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> throw new VerificationException(component.problem());
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> {
                int was = before.getOrDefault(component.name(), ComponentConfigurationDTO.UNSATISFIED_REFERENCE);
                if (was == ComponentConfigurationDTO.SATISFIED || was == ComponentConfigurationDTO.ACTIVE) {
                    pending.add("component " + component.name() + " lost its reference(s) " + component.unsatisfied());
                }
            }
            case ComponentConfigurationDTO.SATISFIED -> {
                if (component.immediate()) {
                    pending.add("component " + component.name() + " is not activated yet");
                }
            }
            default -> {
                // ACTIVE, or waiting for its configuration: fine
            }
        }
    }

    private void checkHealth(Bundle bundle) throws VerificationException {
        Optional<String> failure = health.failure(bundle, timeoutMillis);
        if (failure.isPresent()) {
            throw new VerificationException(failure.get());
        }
    }
}
