package io.kiln.runtime.internal.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

import io.kiln.runtime.internal.health.PluginHealthChecks;

/**
 * Decides whether a plugin works after a change: its bundle is ACTIVE, none of its DS components failed to
 * activate, none lost a reference it had before, and its own health checks pass ({@link PluginHealthChecks}: run
 * through the Felix executor, each given the verification timeout).
 * <p>
 * A component waiting for its configuration, or for a service no plugin offers yet, is not a failure: plugins
 * arrive in any order. A component that was satisfied before the change and is not after it is.
 */
final class PluginVerifier {

    private final ServiceComponentRuntime scr;
    private final PluginHealthChecks health;
    private volatile long timeoutMillis;

    PluginVerifier(ServiceComponentRuntime scr, PluginHealthChecks health, long timeoutMillis) {
        this.scr = scr;
        this.health = health;
        this.timeoutMillis = timeoutMillis;
    }

    void timeoutMillis(long millis) {
        this.timeoutMillis = millis;
    }

    /** The state of each component of a bundle now, to compare with after a change. */
    Map<String, Integer> componentStates(Bundle bundle) {
        Map<String, Integer> states = new HashMap<>();
        if (bundle == null) {
            return states;
        }
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
            scr.getComponentConfigurationDTOs(description)
                    .forEach(c -> states.merge(description.name, c.state, Math::max));
        }
        return states;
    }

    /**
     * Waits, up to the timeout, for the plugin to settle and checks it.
     *
     * @param before the component states before the change ({@link #componentStates})
     * @throws VerificationException saying what does not work
     */
    void verify(Bundle bundle, Map<String, Integer> before) throws VerificationException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            List<String> pending = new ArrayList<>();
            if (bundle.getState() != Bundle.ACTIVE) {
                throw new VerificationException("bundle is " + BundleStates.name(bundle.getState()) + ", not ACTIVE");
            }
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
                if (!scr.isComponentEnabled(description)) {
                    continue;
                }
                for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                    check(description, configuration, before, pending);
                }
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

    private static void check(ComponentDescriptionDTO description, ComponentConfigurationDTO configuration,
            Map<String, Integer> before, List<String> pending) throws VerificationException {
        switch (configuration.state) {
            case ComponentConfigurationDTO.FAILED_ACTIVATION ->
                throw new VerificationException("component " + description.name + " failed to activate: "
                        + rootCause(configuration.failure));
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> {
                int was = before.getOrDefault(description.name, ComponentConfigurationDTO.UNSATISFIED_REFERENCE);
                if (was == ComponentConfigurationDTO.SATISFIED || was == ComponentConfigurationDTO.ACTIVE) {
                    pending.add("component " + description.name + " lost its reference(s) " + unsatisfied(configuration));
                }
            }
            case ComponentConfigurationDTO.SATISFIED -> {
                if (description.immediate) {
                    pending.add("component " + description.name + " is not activated yet");
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

    private static String unsatisfied(ComponentConfigurationDTO configuration) {
        List<String> names = new ArrayList<>();
        for (UnsatisfiedReferenceDTO reference : configuration.unsatisfiedReferences) {
            names.add(reference.name + (reference.target == null ? "" : " " + reference.target));
        }
        return String.join(", ", names);
    }

    /** SCR reports the whole stack trace; the deepest cause is what went wrong in the plugin. */
    static String rootCause(String failure) {
        if (failure == null || failure.isBlank()) {
            return "(no reason given)";
        }
        List<String> lines = failure.lines().map(String::trim).toList();
        return lines.stream().filter(line -> line.startsWith("Caused by: ")).reduce((first, second) -> second)
                .map(line -> line.substring("Caused by: ".length())).orElse(lines.get(0));
    }
}
