package io.kiln.http.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's settings and its token, shared by every servlet. It does not activate, and so no part of the API is
 * served, when Jetty binds an address other than loopback without {@code allowRemote}.
 */
@Component(service = ApiSettings.class, configurationPid = ApiSettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = HttpApiConfiguration.class)
public final class ApiSettings {

    static final String PID = "io.kiln.http";
    static final String HOST_PROPERTY = "org.apache.felix.http.host";

    private static final Logger LOG = LoggerFactory.getLogger(ApiSettings.class);

    private volatile HttpApiConfiguration config;
    private final ComponentContext component;
    private final String host;
    private final Tokens tokens;
    private final Path hot;
    private final Path endpointFile;

    @Activate
    public ApiSettings(BundleContext context, ComponentContext component, HttpApiConfiguration config) throws IOException {
        this.config = config;
        this.component = component;
        this.host = context.getProperty(HOST_PROPERTY);
        if (!isLoopback(host) && !config.allowRemote()) {
            String reason = refusal();
            LOG.error(reason);
            throw new IllegalStateException(reason);
        }
        // where the files are is conf/kiln.properties' to say, for this bundle and the client alike
        this.endpointFile = Path.of(require(context, "kiln.api.url.file"));
        this.hot = Path.of(require(context, "kiln.hot"));
        Path file = config.tokenFile().isBlank() ? Path.of(require(context, "kiln.api.token.file")) : Path.of(config.tokenFile());
        ApiToken token = ApiToken.loadOrCreate(file);
        Path metricsFile = config.metricsTokenFile().isBlank() ? file.resolveSibling("metrics-token") : Path.of(config.metricsTokenFile());
        this.tokens = new Tokens(token, ApiToken.loadOrCreate(metricsFile, "metrics token"));
    }

    /**
     * A changed section applies in place: re-creating this component would take every servlet down with it, and
     * the API would answer 404 for a moment (a reload of all sections did that). Turning {@code allowRemote} off
     * while Jetty binds another address than loopback stops the API at once, until Kiln is restarted.
     */
    @Modified
    void modified(HttpApiConfiguration changed) {
        if (!isLoopback(host) && !changed.allowRemote()) {
            LOG.error("{}; the admin API stops now", refusal());
            component.disableComponent(ApiSettings.class.getName());
            return;
        }
        if (!changed.tokenFile().equals(config.tokenFile()) || !changed.metricsTokenFile().equals(config.metricsTokenFile())) {
            LOG.warn("{}: tokenFile and metricsTokenFile take effect at the next start", PID);
        }
        this.config = changed;
    }

    private String refusal() {
        return "refusing to serve the admin API: Jetty binds " + (host == null ? "every address (" + HOST_PROPERTY + " is not set)" : host)
                + "; set " + HOST_PROPERTY + " = 127.0.0.1, or allowRemote=true in " + PID + " to serve it there on purpose";
    }

    private static String require(BundleContext context, String name) {
        String value = context.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the framework property " + name + " is not set");
        }
        return value;
    }

    static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    boolean allowsRemote() {
        return config.allowRemote();
    }

    /** @return which token opens which request */
    Tokens tokens() {
        return tokens;
    }

    /** @return the folder the runtime watches for plugin jars */
    Path hot() {
        return hot;
    }

    /** @return the file the command-line client reads the API's address from */
    Path endpointFile() {
        return endpointFile;
    }

    Set<String> allowedOrigins() {
        return Set.of(config.allowedOrigins());
    }

    long maxJsonBytes() {
        return config.maxJsonBytes();
    }

    boolean remoteShell() {
        return config.remoteShell();
    }

    long maxJarBytes() {
        return config.maxJarBytes();
    }

    UrlPolicy urlPolicy() {
        return new UrlPolicy(List.of(config.downloadSchemes()), List.of(config.downloadHosts()), config.downloadAllowPrivate());
    }

    Duration downloadTimeout() {
        return Duration.ofSeconds(config.downloadTimeoutSeconds());
    }
}
