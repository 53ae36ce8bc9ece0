package io.kiln.http.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class AuthFilterTest {

    @Test
    public void loopbackHostNames() {
        for (String host : new String[] { "127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "[::1]", "::1" }) {
            assertTrue(host, AuthFilter.loopbackHost(host));
        }
        for (String host : new String[] { "evil.example", "127.0.0.1.evil.example", "10.0.0.1", "0.0.0.0", "", "localhost.evil.example" }) {
            assertFalse(host, AuthFilter.loopbackHost(host));
        }
        assertFalse(AuthFilter.loopbackHost(null));
    }
}
