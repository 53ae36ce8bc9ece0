package io.kiln.sample.chain.beta;

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

import io.kiln.sample.chain.ChainLink;
import io.kiln.sample.chain.ChainObserver;

/**
 * The beta link of the sample chain: it cannot run without the alpha link. It holds a stable handle to alpha's
 * service, so it keeps running while alpha is updated or rolled back: its calls wait for the new version.
 */
@Component(immediate = true, property = ChainLink.LINK + "=beta")
public final class BetaLink implements ChainLink {

    private static final Logger LOG = LoggerFactory.getLogger(BetaLink.class);

    private final ChainLink next;

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC)
    private volatile List<ChainObserver> observers;

    @Activate
    public BetaLink(@Reference(target = "(" + ChainLink.LINK + "=alpha)") ChainLink next) {
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
        return "beta " + version() + " -> " + next.describe();
    }

    private void report(String event) {
        LOG.info("chain link beta {} ({})", event, version());
        observers.forEach(observer -> observer.lifecycle("beta", event, version()));
    }

    private String version() {
        return FrameworkUtil.getBundle(getClass()).getVersion().toString();
    }
}
