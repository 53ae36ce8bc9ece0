package io.kiln.http.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Which URLs an install may download from: the configured schemes and hosts, and, unless allowed, only public
 * addresses. The host is resolved and every address checked before any connection is made.
 */
final class UrlPolicy {

    /** Resolves a host name; a seam for tests. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final List<String> schemes;
    private final List<String> hosts;
    private final boolean allowPrivate;
    private final Resolver resolver;

    UrlPolicy(List<String> schemes, List<String> hosts, boolean allowPrivate) {
        this(schemes, hosts, allowPrivate, InetAddress::getAllByName);
    }

    UrlPolicy(List<String> schemes, List<String> hosts, boolean allowPrivate, Resolver resolver) {
        this.schemes = schemes.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
        this.hosts = hosts.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /**
     * @return the URL, parsed
     * @throws ApiException 400 naming why the URL may not be used
     */
    URI check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw refused(url, "not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            throw refused(url, "the scheme '" + scheme + "' is not allowed (allowed: " + String.join(", ", schemes) + ")");
        }
        if (uri.getRawUserInfo() != null) {
            throw refused(url, "credentials in URLs are not accepted");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw refused(url, "it names no host");
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!hosts.isEmpty() && !hosts.contains(bare.toLowerCase(Locale.ROOT))) {
            throw refused(url, "the host '" + bare + "' is not allowed (allowed: " + String.join(", ", hosts) + ")");
        }
        if (!allowPrivate) {
            InetAddress[] addresses;
            try {
                addresses = resolver.resolve(bare);
            } catch (UnknownHostException e) {
                throw refused(url, "the host '" + bare + "' does not resolve");
            }
            for (InetAddress address : addresses) {
                if (!isPublic(address)) {
                    throw refused(url, "the host '" + bare + "' resolves to the non-public address " + address.getHostAddress());
                }
            }
        }
        return uri;
    }

    private static ApiException refused(String url, String why) {
        return new ApiException(400, "url not allowed", url + ": " + why);
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 && first < 224 // this network; multicast and reserved
                    && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    && !(first == 198 && (second == 18 || second == 19)); // benchmarking
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) { // unique local fc00::/7
                return false;
            }
            boolean mapped = true; // ::ffff:a.b.c.d carries an IPv4 address
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] }));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            return first != 0 && !(first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8); // 2001:db8::/32
        }
        return false;
    }
}
