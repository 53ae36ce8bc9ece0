package io.kiln.fleet.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Section {@code io.kiln.fleet} ({@code conf/io.kiln.fleet.cfg}): without it, Kiln runs alone. */
@ObjectClassDefinition(id = "io.kiln.fleet", name = "Kiln fleet", description = "Joins this Kiln to a fleet rolled out through Apache ZooKeeper")
@interface FleetConfiguration {

    @AttributeDefinition(description = "The ZooKeeper ensemble: host:port pairs, comma-separated (zk1:2181,zk2:2181,zk3:2181)")
    String connect();

    @AttributeDefinition(description = "The fleet's name: the nodes that share it run one release")
    String fleet() default "default";

    @AttributeDefinition(description = "This node's name in the fleet, unique in it (letters, digits, '.', '_', '-'); empty for the host name", required = false)
    String node() default "";

    @AttributeDefinition(description = "The address of this node's admin API that the other nodes reach it at (http://10.0.0.5:8181/); "
            + "empty for the one Jetty reports", required = false)
    String advertise() default "";

    @AttributeDefinition(description = "ZooKeeper session timeout (ms): a node silent this long counts as disconnected", min = "2000")
    int sessionTimeoutMillis() default 15_000;

    @AttributeDefinition(description = "How long to wait for ZooKeeper when connecting (ms)", min = "100")
    int connectionTimeoutMillis() default 5_000;

    @AttributeDefinition(description = "How many nodes take a release first (the canaries)", min = "1")
    int canaries() default 1;

    @AttributeDefinition(description = "How many nodes apply a release at once after the canaries", min = "1")
    int maxUnavailable() default 1;

    @AttributeDefinition(description = "How many nodes after the canaries may fail before the release is rolled back fleet-wide (a canary's failure always is)", min = "0")
    int failureThreshold() default 0;

    @AttributeDefinition(description = "How long the canaries must run the release before the others follow (ms)", min = "0")
    long verifyMillis() default 0;

    @AttributeDefinition(description = "How long an admitted, connected node may take to report; past it, it counts as failed (ms)", min = "1000")
    long progressDeadlineMillis() default 120_000;

    @AttributeDefinition(description = "A repository the jars may also be fetched from, by hash (<repository>/<sha256>.jar; http, https or file), "
            + "after the nodes that hold them; none by default", required = false)
    String repository() default "";

    @AttributeDefinition(description = "The sections a release carries, by PID (the plugins are always carried); none by default", required = false)
    String[] sections() default {};
}
