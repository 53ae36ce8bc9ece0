package io.kiln.launcher.client;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

import aQute.bnd.version.MavenVersion;

/** The client turns a pom's version into a Bundle-Version as bnd-maven-plugin does. */
public class OsgiVersionTest {

    @Test
    public void aSnapshotKeepsItsQualifier() {
        assertEquals("1.0.0.SNAPSHOT", OsgiVersion.fromMaven("1.0.0-SNAPSHOT"));
        assertEquals("1.0.0.SNAPSHOT", OsgiVersion.fromMaven("1.0-SNAPSHOT"));
        assertEquals("1.2.0", OsgiVersion.fromMaven("1.2"));
        assertEquals("2.0.0.beta-1", OsgiVersion.fromMaven("2.0-beta-1"));
        assertEquals("0.0.0", OsgiVersion.fromMaven(""));
    }

    @Test
    public void asBndDoes() {
        for (String maven : new String[] { "1", "1.0", "1.0.0", "1.0.0-SNAPSHOT", "1-SNAPSHOT", "1.2.3.4", "1.2.3-4", "01.002.0003",
                "1.0.0.RELEASE", "1.0.0.Final", "2.0-beta-1", "2.0.0-rc.1", "3.1.4_patch", "1.0.0SNAPSHOT", "1.0.0-", "1.0.0+build.5",
                "1.0.0-alpha+001", "5.0.0-M1", "20240101", "1.20120909123012", "1.2.3.20120909123012", "v1.0", "latest",
                "1.0.0-SNAPSHOT-2", "1.0.0.SNAPSHOT", "1.2147483648", "1.2.2147483648-x", "3.1.4~patch", "1_2", "1.2_3", "1.2.3_4", "1.0.0.", "1..2" }) {
            assertEquals(maven, new MavenVersion(maven).getOSGiVersion().toString(), OsgiVersion.fromMaven(maven));
        }
    }
}
