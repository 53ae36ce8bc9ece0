package io.kiln.runtime.internal.skill;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Has FileInstall watch the skills folder too, as a watcher of its own (a factory configuration of
 * FileInstall's): unlike {@code hot/} it looks into sub-folders, and takes only {@code <name>/SKILL.md} files
 * whose folder name does not start with {@code .} or {@code _}.
 */
final class SkillsWatcher {

    static final String FILTER = "([^._/][^/]*/)?SKILL\\.md";

    private SkillsWatcher() {
    }

    static void configure(BundleContext context, ConfigurationAdmin configurationAdmin, Path folder) throws IOException {
        Dictionary<String, Object> settings = new Hashtable<>();
        settings.put("felix.fileinstall.dir", folder.toString());
        settings.put("felix.fileinstall.filter", FILTER);
        settings.put("felix.fileinstall.subdir.mode", "recurse");
        settings.put("felix.fileinstall.noInitialDelay", "true");
        copy(context, settings, "felix.fileinstall.poll", "1000");
        copy(context, settings, "felix.fileinstall.tmpdir", null);
        Object tmp = settings.get("felix.fileinstall.tmpdir");
        if (tmp != null) {
            // FileInstall 3.7.4 creates it with a check-then-mkdirs that fails when two of its watchers start at once
            java.nio.file.Files.createDirectories(Path.of(tmp.toString()));
        }
        copy(context, settings, "felix.fileinstall.log.level", "2");
        configurationAdmin.getFactoryConfiguration("org.apache.felix.fileinstall", "kiln-skills", "?").updateIfDifferent(settings);
    }

    private static void copy(BundleContext context, Dictionary<String, Object> settings, String name, String fallback) {
        String value = context.getProperty(name);
        if (value != null || fallback != null) {
            settings.put(name, value != null ? value : fallback);
        }
    }
}
