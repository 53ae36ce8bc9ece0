package io.kiln.runtime.internal.deploy;

import java.util.concurrent.Callable;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Tells the launcher when the plugins found at start are processed. A {@link Callable} because the launcher
 * lives outside the framework and shares no Kiln type with it, only the JDK's.
 */
@Component(service = Callable.class, property = "kiln.readiness=startup")
public final class StartupReadiness implements Callable<Boolean> {

    private static final long TIMEOUT_MILLIS = 120_000;

    private final PluginEngine engine;

    @Activate
    public StartupReadiness(@Reference PluginEngine engine) {
        this.engine = engine;
    }

    /** @return {@code true} once every queued transaction is done, {@code false} if that took over two minutes */
    @Override
    public Boolean call() throws InterruptedException {
        return engine.awaitIdle(TIMEOUT_MILLIS);
    }
}
