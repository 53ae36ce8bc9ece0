package io.kiln.http.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The HTTP admin API's settings (PID {@code io.kiln.http}, e.g. {@code conf/io.kiln.http.cfg}). Where Jetty binds
 * is Felix HTTP's own framework properties ({@code org.apache.felix.http.host}, {@code org.osgi.service.http.port})
 * in {@code conf/kiln.properties}.
 */
@ObjectClassDefinition(id = ApiSettings.PID, name = "Kiln HTTP admin API")
public @interface HttpApiConfiguration {

    @AttributeDefinition(description = "Serve the API although Jetty binds an address other than loopback")
    boolean allowRemote() default false;

    @AttributeDefinition(description = "The token file; empty for api-token beside kiln.data")
    String tokenFile() default "";

    @AttributeDefinition(description = "The read-only token file for metrics scrapers (GET /metrics only); empty for metrics-token beside the API token")
    String metricsTokenFile() default "";

    @AttributeDefinition(description = "Origins, besides the page's own, that may send changing requests")
    String[] allowedOrigins() default {};

    @AttributeDefinition(description = "The largest JSON request body, in bytes")
    long maxJsonBytes() default 64 * 1024;

    @AttributeDefinition(description = "The largest uploaded or downloaded plugin jar, in bytes")
    long maxJarBytes() default 64L * 1024 * 1024;

    @AttributeDefinition(description = "URL schemes an install may download from")
    String[] downloadSchemes() default { "https" };

    @AttributeDefinition(description = "Hosts an install may download from; empty for any public host")
    String[] downloadHosts() default {};

    @AttributeDefinition(description = "Allow downloads from loopback, private, link-local and other non-public addresses")
    boolean downloadAllowPrivate() default false;

    @AttributeDefinition(description = "How long a download may take, in seconds")
    int downloadTimeoutSeconds() default 60;

    @AttributeDefinition(description = "Run Gogo commands sent to /api/v1/shell (kiln exec, kiln shell)")
    boolean remoteShell() default true;
}
