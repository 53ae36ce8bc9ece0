package io.kiln.runtime.internal.deploy;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.osgi.framework.Bundle;

import io.kiln.runtime.api.DependentChange;
import io.kiln.runtime.internal.call.DroppedHandle;
import io.kiln.runtime.internal.call.SwapWindow;
import io.kiln.runtime.internal.scr.ComponentStates;

/**
 * A section about to be delivered to the components it configures, seen by the engine: the plugins whose components
 * take it and their dependents, as they were before. Once the section is delivered it waits for the components to
 * take the new values (ConfigAdmin tells SCR on a thread of its own) and checks the plugins and their dependents as
 * after any change: a component that fails with the new values, or a dependent that loses a service it used, makes
 * the section's change fail, and the caller puts the last good configuration back.
 * <p>
 * A component with no {@code @Modified} method is deactivated and activated again by SCR when its section changes, and
 * its service goes and comes back. From {@link #holdCalls()} until the components took the values, each plugin
 * concerned and its dependents are in a {@link SwapWindow}: their handles stay, and calls wait for the service's next
 * registration instead of failing. Closed, whatever happened, by {@link #close()}.
 */
public final class Reconfiguration implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Reconfiguration.class);

    private record Owner(Bundle bundle, Map<String, Integer> components, DependentPlugins dependents) {
    }

    private final DeployContext kiln;
    private final String pid;
    private final String configurationPid;
    private final List<Owner> owners = new ArrayList<>();
    private final List<SwapWindow> windows = new ArrayList<>();

    Reconfiguration(DeployContext kiln, String pid, String configurationPid) {
        this.kiln = kiln;
        this.pid = pid;
        this.configurationPid = configurationPid;
        for (long id : kiln.components.configuredBy(pid, configurationPid).stream().map(ComponentStates.Configured::bundleId)
                .distinct().toList()) {
            Bundle bundle = kiln.context.getBundle(id);
            if (bundle != null && bundle.getLocation().startsWith(DeployContext.LOCATION) && bundle.getState() == Bundle.ACTIVE) {
                owners.add(new Owner(bundle, kiln.verifier.componentStates(bundle), DependentPlugins.of(kiln, bundle)));
            }
        }
    }

    /** @return whether no plugin's component takes the section: then there is nothing to check */
    public boolean isEmpty() {
        return owners.isEmpty();
    }

    /**
     * To call just before the section is delivered, or its last good configuration put back: the services of the
     * plugins concerned and their dependents keep their handles while SCR takes them away and registers them again.
     * Held already, this does nothing.
     */
    public void holdCalls() {
        if (windows.isEmpty()) {
            owners.forEach(owner -> windows.add(kiln.handles.openWindow(owner.bundle(), owner.dependents().bundles())));
        }
    }

    /**
     * The components took the values (or failed on them): each handle nothing serves now is dropped, so the check of
     * the dependents sees what they lost.
     */
    private void releaseCalls() {
        List<SwapWindow> open = List.copyOf(windows);
        windows.clear();
        for (SwapWindow window : open) {
            try {
                for (DroppedHandle dropped : window.close()) {
                    LOG.info("section {}: {} no longer serves {}: {}", configurationPid, dropped.plugin(), dropped.interfaces(), dropped.why());
                }
            } catch (RuntimeException e) {
                // the other windows close all the same: one left open would hold its plugin's callers for good
                LOG.error("section {}: a swap window did not close cleanly: {}", configurationPid, e.toString());
            }
        }
    }

    /**
     * Lets go of the calls still held: after a change that was not checked (it said what already runs, it was not
     * stored, it failed), a section withdrawn, a file removed, and after every change whatever happened.
     */
    @Override
    public void close() {
        releaseCalls();
    }

    /** @return how long a check may wait for the plugins to settle */
    public long timeoutMillis() {
        return kiln.verifier.timeoutMillis();
    }

    /**
     * Waits, up to the verification timeout, until every component the section configures runs on these values (or
     * has failed on them), then checks each plugin concerned and its dependents.
     *
     * @param delivered the values delivered
     * @return what does not work, one line each; empty when every plugin and dependent is as it was
     */
    public List<String> problemsAfter(Dictionary<String, Object> delivered) {
        return problemsAfter(delivered, false);
    }

    /**
     * As {@link #problemsAfter(Dictionary)}, after the last good configuration was put back: waits, up to the
     * verification timeout, for the components that failed on the refused values to recover too.
     */
    public List<String> problemsAfterPuttingBack(Dictionary<String, Object> lastGood) {
        return problemsAfter(lastGood, true);
    }

    private List<String> problemsAfter(Dictionary<String, Object> delivered, boolean recovering) {
        if (owners.isEmpty()) {
            return List.of(); // no plugin's component takes it (yet): nothing Kiln could break
        }
        Map<String, Object> wanted = normalized(delivered);
        long deadline = System.nanoTime() + kiln.verifier.timeoutMillis() * 1_000_000;
        while (!(taken(wanted) && (!recovering || noneFailed())) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10); // each look reads every component's state from SCR
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of("interrupted while waiting for the components to take section " + configurationPid);
            }
        }
        if (!taken(wanted)) {
            // SCR was told (the caller waited for that), yet a component shows other values: say so, check the rest
            LOG.warn("section {}: not every component it configures shows the delivered values after {} ms",
                    configurationPid, kiln.verifier.timeoutMillis());
        }
        releaseCalls();
        // the dependents first: a delayed component fails only once a dependent asks for its service
        List<String> broken = new ArrayList<>();
        for (Owner owner : owners) {
            List<DependentChange> dependents = owner.dependents().bringBack();
            if (!DependentPlugins.allIntact(dependents)) {
                broken.add(DependentPlugins.describeBroken(dependents));
            }
        }
        List<String> problems = new ArrayList<>();
        for (Owner owner : owners) {
            try {
                kiln.verifier.verify(owner.bundle(), owner.components());
            } catch (VerificationException e) {
                problems.add(owner.bundle().getSymbolicName() + ": " + e.getMessage());
            }
        }
        problems.addAll(broken);
        return problems;
    }

    private boolean noneFailed() {
        return owners.stream().flatMap(o -> kiln.components.of(o.bundle()).stream())
                .noneMatch(c -> c.state() == org.osgi.service.component.runtime.dto.ComponentConfigurationDTO.FAILED_ACTIVATION);
    }

    /** Whether each component configured by the section has these values (a failed one shows what it failed on). */
    private boolean taken(Map<String, Object> wanted) {
        List<ComponentStates.Configured> configured = kiln.components.configuredBy(pid, configurationPid);
        if (configured.isEmpty()) {
            return false;
        }
        for (ComponentStates.Configured c : configured) {
            Map<String, Object> has = normalized(c.properties());
            for (Map.Entry<String, Object> value : wanted.entrySet()) {
                if (!Objects.equals(has.get(value.getKey()), value.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Map<String, Object> normalized(Dictionary<String, Object> values) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Enumeration<String> keys = values.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            map.put(key, normalized(values.get(key)));
        }
        return map;
    }

    private static Map<String, Object> normalized(Map<String, Object> values) {
        Map<String, Object> map = new LinkedHashMap<>();
        values.forEach((k, v) -> map.put(k, normalized(v)));
        return map;
    }

    /** Arrays and collections compared by their elements: SCR may hand a list back as an array. */
    private static Object normalized(Object value) {
        if (value != null && value.getClass().isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                list.add(Array.get(value, i));
            }
            return list;
        }
        if (value instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        return value;
    }
}
