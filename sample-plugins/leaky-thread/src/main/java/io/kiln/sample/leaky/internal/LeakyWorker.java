package io.kiln.sample.leaky.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deliberately bad example: it starts a thread as it activates and does not stop it as it deactivates. The thread
 * keeps running after the plugin stopped, and with it the plugin's class loader and every class of the old version.
 * Kiln reports it when the plugin is updated, reloaded or uninstalled, interrupts it, and says whether it ended (this
 * one ends when interrupted, as a thread should).
 * <p>
 * Do not write plugins like this: stop what you start in {@code @Deactivate}, and wait for it to end.
 */
@Component(immediate = true, service = {})
public final class LeakyWorker {

    /** The thread's name, as Kiln reports it. */
    static final String THREAD_NAME = "leaky-thread-worker";

    private static final Logger LOG = LoggerFactory.getLogger(LeakyWorker.class);

    @Activate
    public LeakyWorker() {
        Thread worker = new Thread(LeakyWorker::work, THREAD_NAME);
        worker.setDaemon(true);
        worker.start();
    }

    private static void work() {
        try {
            while (true) {
                Thread.sleep(60_000); // stands for work: a poll, a queue, a timer of its own
            }
        } catch (InterruptedException e) {
            LOG.info("{} interrupted: it ends", THREAD_NAME);
        }
    }

    @Deactivate
    void deactivate() {
        // the mistake, on purpose: the worker is not stopped here
    }
}
