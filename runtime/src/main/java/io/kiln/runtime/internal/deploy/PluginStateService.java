package io.kiln.runtime.internal.deploy;

import java.util.Map;

import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

import io.kiln.api.state.PluginState;
import io.kiln.runtime.internal.state.StateStore;

/**
 * {@link PluginState} for one plugin: bundle-scoped, so each plugin's bundle gets an instance bound to its own
 * symbolic name and cannot reach another plugin's state.
 */
@Component(scope = ServiceScope.BUNDLE)
public final class PluginStateService implements PluginState {

    private final StateStore store;
    private final String plugin;

    @Activate
    public PluginStateService(@Reference PluginEngine engine, ComponentContext context) {
        this.store = engine.states();
        this.plugin = context.getUsingBundle().getSymbolicName();
    }

    @Override
    public Map<String, Object> load() {
        return store.load(plugin);
    }

    @Override
    public void save(Map<String, ?> state) {
        store.save(plugin, state);
    }
}
