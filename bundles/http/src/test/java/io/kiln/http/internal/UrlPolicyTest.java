package io.kiln.http.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Test;

public class UrlPolicyTest {

    private final List<String> resolved = new ArrayList<>();

    private UrlPolicy policy(List<String> schemes, List<String> hosts, boolean allowPrivate, Map<String, String[]> dns) {
        return new UrlPolicy(schemes, hosts, allowPrivate, host -> {
            resolved.add(host);
            String[] addresses = dns.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] out = new InetAddress[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                out[i] = InetAddress.getByName(addresses[i]);
            }
            return out;
        });
    }

    private static void refused(UrlPolicy policy, String url, String why) {
        try {
            policy.check(url);
            fail(url + " was allowed");
        } catch (ApiException e) {
            assertEquals(400, e.status());
            assertTrue(e.getMessage(), e.getMessage().contains(why));
        }
    }

    @Test
    public void httpsToAPublicHostIsAllowedByDefault() {
        UrlPolicy policy = policy(List.of("https"), List.of(), false, Map.of("repo.example.com", new String[] { "93.184.216.34" }));
        assertEquals("repo.example.com", policy.check("https://repo.example.com/p.jar").getHost());
    }

    @Test
    public void otherSchemesAreRefusedWithoutResolving() {
        UrlPolicy policy = policy(List.of("https"), List.of(), false, Map.of());
        refused(policy, "http://repo.example.com/p.jar", "scheme 'http'");
        refused(policy, "file:///etc/passwd", "scheme 'file'");
        refused(policy, "ftp://x/p.jar", "scheme 'ftp'");
        assertTrue(resolved.isEmpty());
    }

    @Test
    public void everyResolvedAddressMustBePublic() {
        UrlPolicy policy = policy(List.of("https"), List.of(), false, Map.of("mixed.example.com", new String[] { "93.184.216.34", "10.0.0.5" },
                "rebind.example.com", new String[] { "127.0.0.1" }));
        refused(policy, "https://mixed.example.com/p.jar", "10.0.0.5");
        refused(policy, "https://rebind.example.com/p.jar", "127.0.0.1");
        refused(policy, "https://nowhere.example.com/p.jar", "does not resolve");
    }

    @Test
    public void hostsOutsideTheListAreRefusedBeforeResolving() {
        UrlPolicy policy = policy(List.of("https"), List.of("repo.example.com"), false, Map.of());
        refused(policy, "https://evil.example.com/p.jar", "not allowed");
        refused(policy, "https://user:secret@repo.example.com/p.jar", "credentials");
        assertTrue(resolved.isEmpty());
    }

    @Test
    public void nonPublicAddresses() throws Exception {
        for (String address : new String[] { "127.0.0.1", "127.1.2.3", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                "169.254.169.254", "100.64.0.1", "224.0.0.1", "255.255.255.255", "198.18.0.1", "::1", "::", "fe80::1", "fc00::1", "fd12::1",
                "::ffff:127.0.0.1", "::ffff:10.0.0.1", "2001:db8::1" }) {
            assertFalse(address, UrlPolicy.isPublic(InetAddress.getByName(address)));
        }
        for (String address : new String[] { "93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700::1111" }) {
            assertTrue(address, UrlPolicy.isPublic(InetAddress.getByName(address)));
        }
    }

    @Test
    public void privateAddressesWhenAllowed() {
        UrlPolicy policy = policy(List.of("http"), List.of("127.0.0.1"), true, Map.of());
        assertEquals(8080, policy.check("http://127.0.0.1:8080/p.jar").getPort());
    }
}
