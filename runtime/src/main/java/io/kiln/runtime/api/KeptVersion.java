package io.kiln.runtime.api;

/**
 * A build of a plugin that Kiln keeps for rollback. Two builds with the same {@code Bundle-Version} are told
 * apart by their id.
 *
 * @param id      {@code <sequence>-<first 8 hex digits of the SHA-256>}, for example {@code 4-1f2e3d4c}: the
 *                sequence counts the builds Kiln kept of this plugin
 * @param version its {@code Bundle-Version}
 * @param sha256  the SHA-256 of its jar, in hex
 */
public record KeptVersion(String id, String version, String sha256) {

    /**
     * @param wanted an {@link #id()}, or a {@link #version()}
     * @return whether this build is the one meant
     */
    public boolean matches(String wanted) {
        return id.equals(wanted) || version.equals(wanted);
    }
}
