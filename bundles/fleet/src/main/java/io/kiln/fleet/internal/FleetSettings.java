package io.kiln.fleet.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The section {@code io.kiln.fleet}, checked beyond what its Metatype definition can say (names, the connect string's
 * form, the rollout's bounds): every problem at once, in words, so that a wrong section is one clear line in the log.
 */
record FleetSettings(String connect, String fleet, String node, int sessionTimeoutMillis, int connectionTimeoutMillis,
        RolloutSettings rollout, List<String> sections, String repository, String advertise) {

    static final String FILE = "conf/io.kiln.fleet.cfg";
    /** A fleet's or a node's name: it is a znode's name too ({@link FleetPaths}). */
    static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]*";

    /** @throws IllegalArgumentException naming every value that is wrong */
    static FleetSettings of(FleetConfiguration config) {
        List<String> problems = new ArrayList<>();
        String connect = config.connect() == null ? "" : config.connect().trim();
        // host:port pairs (a host may be [IPv6]), the last one optionally followed by a chroot (/kiln)
        String servers = connect.contains("/") ? connect.substring(0, connect.indexOf('/')) : connect;
        for (String server : servers.split(",")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[^:/\\s\\[\\]]+):(\\d{1,5})").matcher(server.trim());
            if (!m.matches() || Integer.parseInt(m.group(2)) > 65_535) {
                problems.add("connect: '" + server.trim() + "' is not host:port (zk1:2181,zk2:2181,zk3:2181)");
            }
        }
        String fleet = config.fleet() == null ? "" : config.fleet().trim();
        if (!fleet.matches(NAME)) {
            problems.add("fleet: '" + fleet + "' is not a name (letters, digits, '.', '_', '-')");
        }
        String node = config.node() == null || config.node().isBlank() ? hostName() : config.node().trim();
        if (!node.matches(NAME)) {
            problems.add("node: '" + node + "' is not a name (letters, digits, '.', '_', '-')");
        }
        RolloutSettings rollout = null;
        try {
            rollout = new RolloutSettings(config.canaries(), config.maxUnavailable(), config.failureThreshold(), config.verifyMillis(),
                    config.progressDeadlineMillis());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        List<String> sections = config.sections() == null ? List.of()
                : Arrays.stream(config.sections()).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (sections.contains("io.kiln.fleet")) {
            problems.add("sections: io.kiln.fleet is this node's own (each node names itself), not the fleet's");
        }
        String repository = config.repository() == null ? "" : config.repository().trim();
        if (!repository.isEmpty()) {
            try {
                java.net.URI uri = java.net.URI.create(repository);
                if (!List.of("http", "https", "file").contains(String.valueOf(uri.getScheme()))
                        || (!"file".equals(uri.getScheme()) && uri.getHost() == null)
                        || ("file".equals(uri.getScheme()) && (uri.getPath() == null || !uri.getPath().startsWith("/")))) {
                    problems.add("repository: '" + repository + "' is not an http, https or file address");
                }
            } catch (IllegalArgumentException e) {
                problems.add("repository: '" + repository + "' is not an address: " + e.getMessage());
            }
        }
        String advertise = config.advertise() == null ? "" : config.advertise().trim();
        if (!advertise.isEmpty() && !advertise.matches("https?://[^/\\s]+/?")) {
            problems.add("advertise: '" + advertise + "' is not http://host:port/ or https://host:port/");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new FleetSettings(connect, fleet, node, config.sessionTimeoutMillis(), config.connectionTimeoutMillis(), rollout, sections, repository,
                advertise.isEmpty() || advertise.endsWith("/") ? advertise : advertise + "/");
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "";
        }
    }
}
