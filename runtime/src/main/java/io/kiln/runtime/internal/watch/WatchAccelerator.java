package io.kiln.runtime.internal.watch;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes FileInstall for a burst of scans whenever a watched folder changes, so a dropped jar or a saved
 * {@code .cfg} takes effect in milliseconds while an idle folder costs nothing.
 */
@Component(immediate = true)
public final class WatchAccelerator {

    private static final Logger LOG = LoggerFactory.getLogger(WatchAccelerator.class);

    private final ScheduledExecutorService scheduler;
    private final FileInstallWakeUp fileInstall;
    private final FolderEvents events;

    @Activate
    public WatchAccelerator(BundleContext context) throws IOException {
        WatchSettings settings = WatchSettings.from(context::getProperty);
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kiln-watch-wake-up");
            thread.setDaemon(true);
            return thread;
        });
        fileInstall = new FileInstallWakeUp(context);
        WakeUpBurst burst = new WakeUpBurst(scheduler, fileInstall::wakeUp, settings);
        events = new FolderEvents(settings.folders(), settings.trees(), burst::changed);
        LOG.debug("Watching {} for changes (quiet {} ms, burst {} x {} ms)", settings.folders(),
                settings.quietMillis(), settings.burstCount(), settings.burstMillis());
    }

    @Deactivate
    void deactivate() throws IOException {
        events.close();
        scheduler.shutdownNow();
        fileInstall.close();
    }
}
