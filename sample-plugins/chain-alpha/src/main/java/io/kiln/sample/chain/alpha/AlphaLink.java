package io.kiln.sample.chain.alpha;

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
 * The alpha link of the sample chain.
 */
@Component(immediate = true, property = ChainLink.LINK + "=alpha")
public final class AlphaLink implements ChainLink {

    private static final Logger LOG = LoggerFactory.getLogger(AlphaLink.class);

    @Reference(cardinality = MULTIPLE, policy = DYNAMIC)
    private volatile List<ChainObserver> observers;


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
        return "alpha " + version();
    }

    private void report(String event) {
        LOG.info("chain link alpha {} ({})", event, version());
        observers.forEach(observer -> observer.lifecycle("alpha", event, version()));
    }

    private String version() {
        return FrameworkUtil.getBundle(getClass()).getVersion().toString();
    }
}
