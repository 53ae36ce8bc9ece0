package io.kiln.sample.chain.charlie;

import static org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE;
import static org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC;

import java.util.List;

import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.api.call.ReloadInProgressException;
import io.kiln.sample.chain.ChainLink;
import io.kiln.sample.chain.ChainObserver;

/**
 * The charlie link of the sample chain: it cannot run without the beta link. It holds a stable handle to beta's
 * service, so it keeps running while beta or alpha is updated: its calls wait for the new version.
 */
@Component(immediate = true, property = { ChainLink.LINK + "=charlie",
        "osgi.command.scope=sample", "osgi.command.function=chain" })
public final class CharlieLink implements ChainLink {

    private static final Logger LOG = LoggerFactory.getLogger(CharlieLink.class);

    private final ChainLink next;

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC)
    private volatile List<ChainObserver> observers;

    @Activate
    public CharlieLink(@Reference(target = "(" + ChainLink.LINK + "=beta)") ChainLink next) {
        this.next = next;
    }

    @Activate
    void activate() {
        report("activate");
    }

    @Deactivate
    void deactivate() {
        report("deactivate");
    }

    @Override
    public String describe() {
        return "charlie " + version() + " -> " + next.describe();
    }

    /**
     * The {@code sample:chain} shell command: shows the chain as it is wired now. A link being reloaded holds the call
     * for a few seconds at most; one that takes longer gets an answer rather than a stack trace.
     */
    public String chain() {
        try {
            return describe();
        } catch (ReloadInProgressException e) {
            return "the chain is being reloaded (" + e.plugin() + ", " + e.reloadMillis() + " ms so far); try again";
        }
    }

    private void report(String event) {
        LOG.info("chain link charlie {} ({})", event, version());
        observers.forEach(observer -> observer.lifecycle("charlie", event, version()));
    }

    private String version() {
        return FrameworkUtil.getBundle(getClass()).getVersion().toString();
    }
}
