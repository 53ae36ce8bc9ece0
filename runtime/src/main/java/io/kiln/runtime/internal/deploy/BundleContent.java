package io.kiln.runtime.internal.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.osgi.framework.Bundle;

/**
 * Whether the framework's copy of a plugin is a given jar, entry for entry and byte for byte. The start-up check asks
 * only when the framework stamped the bundle after Kiln's record: a change cut short, or a stamp that changed nothing
 * (Felix stamps multi-release bundles anew when the JDK changed; a clock set back).
 */
final class BundleContent {

    private BundleContent() {
    }

    /** @return whether {@code bundle}'s own entries (not its fragments') are exactly {@code jar}'s files */
    static boolean sameAs(Bundle bundle, Path jar) throws IOException {
        Set<String> files = new HashSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                files.add(entry.getName());
                URL cached = bundle.getEntry(entry.getName());
                if (cached == null) {
                    return false;
                }
                try (InputStream kept = zip.getInputStream(entry); InputStream held = cached.openStream()) {
                    if (!Arrays.equals(kept.readAllBytes(), held.readAllBytes())) {
                        return false;
                    }
                }
            }
        }
        return countFiles(bundle, "/") == files.size();
    }

    /** Counts the files under {@code path} through {@link Bundle#getEntryPaths}, which leaves fragments out. */
    private static int countFiles(Bundle bundle, String path) {
        Enumeration<String> paths = bundle.getEntryPaths(path);
        int count = 0;
        while (paths != null && paths.hasMoreElements()) {
            String entry = paths.nextElement();
            count += entry.endsWith("/") ? countFiles(bundle, entry) : 1;
        }
        return count;
    }
}
