package io.kiln.fleet.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.util.List;

import org.junit.Test;

public class FleetSettingsTest {

    private static FleetConfiguration config(String connect, String fleet, String node, int canaries, String repository, String... sections) {
        return new FleetConfiguration() {
            @Override public Class<? extends Annotation> annotationType() { return FleetConfiguration.class; }
            @Override public String connect() { return connect; }
            @Override public String fleet() { return fleet; }
            @Override public String node() { return node; }
            @Override public int sessionTimeoutMillis() { return 15_000; }
            @Override public int connectionTimeoutMillis() { return 5_000; }
            @Override public int canaries() { return canaries; }
            @Override public int maxUnavailable() { return 1; }
            @Override public int failureThreshold() { return 0; }
            @Override public long verifyMillis() { return 0; }
            @Override public long progressDeadlineMillis() { return 120_000; }
            @Override public String[] sections() { return sections; }
            @Override public String repository() { return repository; }
            @Override public String advertise() { return ""; }
        };
    }

    @Test
    public void aGoodSectionGivesItsValues() {
        FleetSettings settings = FleetSettings.of(config(" zk1:2181,zk2:2181 ", "shop", "shop-1", 1, "", " sample.greeting ", ""));
        assertEquals("zk1:2181,zk2:2181", settings.connect());
        assertEquals("shop-1", settings.node());
        assertEquals(List.of("sample.greeting"), settings.sections());
        assertEquals("a chroot and IPv6", "[::1]:2181,zk2:2181/kiln",
                FleetSettings.of(config("[::1]:2181,zk2:2181/kiln", "shop", "", 1, "")).connect());
        assertTrue("the host name when no node is named", !FleetSettings.of(config("zk:2181", "shop", "", 1, "")).node().isEmpty());
    }

    @Test
    public void everyWrongValueIsNamedAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FleetSettings.of(config("zk1:2181,zk2,zk3:99999", "my fleet", "bad name!", 0, "ftp://repo/", "io.kiln.fleet")));
        String message = e.getMessage();
        assertTrue(message, message.contains("connect: 'zk2' is not host:port"));
        assertTrue(message, message.contains("connect: 'zk3:99999' is not host:port"));
        assertTrue(message, message.contains("fleet: 'my fleet' is not a name"));
        assertTrue(message, message.contains("node: 'bad name!' is not a name"));
        assertTrue(message, message.contains("canaries and maxUnavailable must be at least 1"));
        assertTrue(message, message.contains("sections: io.kiln.fleet is this node's own"));
        assertTrue(message, message.contains("repository: 'ftp://repo/' is not an http, https or file address"));
    }
}
