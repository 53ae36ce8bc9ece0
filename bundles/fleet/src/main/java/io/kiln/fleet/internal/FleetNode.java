package io.kiln.fleet.internal;

import java.nio.file.Path;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.HttpServiceRuntimeConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.runtime.api.ConfigService;
import io.kiln.runtime.api.PluginService;

/**
 * This Kiln as a node of a fleet, while {@code conf/io.kiln.fleet.cfg} says so. A section that is wrong is one error
 * line in the log naming the file and each wrong value; the node then stays out of the fleet (and says why to every
 * request) until the section is fixed. A changed section ends the membership and starts it again with the new values.
 */
@Component(service = FleetNode.class, configurationPid = "io.kiln.fleet", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = FleetConfiguration.class)
public final class FleetNode {

    private static final Logger LOG = LoggerFactory.getLogger(FleetNode.class);

    private final BlobStore blobs;
    private final ReleaseBuilder releases;
    private final FleetSettings settings;
    private final FleetMember member;
    private final String problem;
    private volatile String apiUrl = "";

    @Activate
    public FleetNode(BundleContext context, FleetConfiguration config, @Reference PluginService plugins,
            @Reference ConfigService sections) {
        Path hot = folder(context, "kiln.hot");
        FleetSettings checked = null;
        String wrong = null;
        try {
            checked = FleetSettings.of(config);
        } catch (IllegalArgumentException e) {
            wrong = FleetSettings.FILE + ": " + e.getMessage();
            LOG.error("{}; this node stays out of the fleet until the section is fixed", wrong);
        }
        this.blobs = new BlobStore(folder(context, "kiln.data").resolve("fleet").resolve("blobs"), checked == null ? "" : checked.repository());
        this.releases = new ReleaseBuilder(plugins, sections, blobs, hot, folder(context, "kiln.conf"));
        this.settings = checked;
        this.problem = wrong;
        this.member = checked == null ? null : new FleetMember(checked, plugins, sections, blobs, this::advertisedUrl);
    }

    @Deactivate
    void deactivate() {
        if (member != null) {
            member.close();
        }
    }

    /** The admin API's address, which this node tells the fleet (the others fetch jars from it). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, updated = "updatedEndpoint", unbind = "unbindEndpoint")
    void bindEndpoint(HttpServiceRuntime runtime, Map<String, Object> properties) {
        Object endpoints = properties.get(HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT);
        apiUrl = endpoints instanceof String[] list && list.length > 0 ? list[0]
                : endpoints instanceof java.util.Collection<?> c && !c.isEmpty() ? String.valueOf(c.iterator().next())
                : endpoints instanceof String one ? one : "";
        if (member != null) {
            member.wake();
        }
    }

    void updatedEndpoint(HttpServiceRuntime runtime, Map<String, Object> properties) {
        bindEndpoint(runtime, properties);
    }

    void unbindEndpoint(HttpServiceRuntime runtime) {
        apiUrl = "";
    }

    /** The address the others reach this node's jars at: the section's {@code advertise}, else Jetty's first endpoint. */
    String advertisedUrl() {
        return settings != null && !settings.advertise().isEmpty() ? settings.advertise() : apiUrl;
    }

    BlobStore blobs() {
        return blobs;
    }

    /** @return the running membership */
    FleetMember member() throws FleetRefusal {
        if (member == null) {
            throw new FleetRefusal(problem + "; this node stays out of the fleet until it is fixed");
        }
        return member;
    }

    Rollout publish() throws Exception {
        FleetMember running = member();
        running.requireConnected();
        String source = advertisedUrl();
        if (source.isEmpty()) {
            throw new FleetRefusal("not published: this node's admin API is not up, and the others would fetch the jars from it");
        }
        Rollout rollout = running.operations().publish(() -> releases.build(settings.node(), source, settings.sections(), System.currentTimeMillis()));
        running.wake();
        return rollout;
    }

    private static Path folder(BundleContext context, String property) {
        String value = context.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the framework property " + property + " is not set (conf/kiln.properties)");
        }
        return Path.of(value.trim());
    }
}
