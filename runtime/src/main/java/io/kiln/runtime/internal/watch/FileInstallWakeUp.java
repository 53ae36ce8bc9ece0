package io.kiln.runtime.internal.watch;

import java.io.File;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Wakes FileInstall's folder watchers now.
 * <p>
 * FileInstall has no public "scan now" call, but it tracks {@link ArtifactInstaller} services and wakes
 * every watcher whenever one of them is added, modified or removed. This class registers an installer that
 * claims no file, and modifies its service properties to wake the watchers.
 */
final class FileInstallWakeUp implements AutoCloseable {

    private final ServiceRegistration<ArtifactInstaller> registration;
    private final AtomicLong wakeUps = new AtomicLong();

    FileInstallWakeUp(BundleContext context) {
        registration = context.registerService(ArtifactInstaller.class, new ClaimsNothing(), properties(0));
    }

    void wakeUp() {
        try {
            registration.setProperties(properties(wakeUps.incrementAndGet()));
        } catch (IllegalStateException unregistered) {
            // closing: nothing left to wake
        }
    }

    private static Dictionary<String, Object> properties(long wakeUp) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("kiln.role", "fileinstall-wake-up");
        properties.put("kiln.wakeUp", wakeUp);
        return properties;
    }

    @Override
    public void close() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework is stopping and took it already
        }
    }

    /** Claims no file, so FileInstall keeps handling every file itself. */
    private static final class ClaimsNothing implements ArtifactInstaller {
        @Override
        public boolean canHandle(File artifact) {
            return false;
        }

        @Override
        public void install(File artifact) {
            throw new UnsupportedOperationException("claims no file");
        }

        @Override
        public void update(File artifact) {
            throw new UnsupportedOperationException("claims no file");
        }

        @Override
        public void uninstall(File artifact) {
            throw new UnsupportedOperationException("claims no file");
        }
    }
}
