package io.kiln.runtime.internal.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.RejectedFile;
import io.kiln.files.AtomicFiles;

/**
 * The plugins Kiln manages and the files it refused, kept in one properties file that is rewritten
 * atomically on every change (it is small: a few lines per plugin). A change whose record cannot be written
 * fails: {@link #put}, {@link #remove} and the rejection methods throw {@link UncheckedIOException}, and the
 * records in memory stay as they were.
 */
final class PluginRecords {

    private static final Logger LOG = LoggerFactory.getLogger(PluginRecords.class);

    private final Path file;
    private final Map<String, PluginRecord> plugins = new TreeMap<>();
    private final Map<String, Rejection> rejections = new TreeMap<>();
    /** Each record's lines in the file, by plugin name and by file name; dropped when the record changes. */
    private final Map<String, String> pluginText = new java.util.HashMap<>();
    private final Map<String, String> rejectionText = new java.util.HashMap<>();

    /** A refused file: its content hash, so that it is not tried again until it changes. */
    record Rejection(String file, String sha256, String plugin, String reason, Instant time, boolean waiting) {

        Rejection(String file, String sha256, String plugin, String reason, Instant time) {
            this(file, sha256, plugin, reason, time, false);
        }

        RejectedFile toApi() {
            return new RejectedFile(file, plugin, reason, time);
        }
    }

    PluginRecords(Path file) {
        this.file = file;
        load();
    }

    synchronized Optional<PluginRecord> plugin(String name) {
        return Optional.ofNullable(plugins.get(name));
    }

    synchronized Optional<PluginRecord> byFile(String fileName) {
        return plugins.values().stream().filter(p -> p.file().equals(fileName)).findFirst();
    }

    synchronized List<PluginRecord> plugins() {
        return new ArrayList<>(plugins.values());
    }

    synchronized void put(PluginRecord record) {
        PluginRecord before = plugins.put(record.name(), record);
        pluginText.remove(record.name());
        try {
            save();
        } catch (UncheckedIOException e) {
            restore(record.name(), before);
            throw e;
        }
    }

    synchronized void remove(String name) {
        PluginRecord before = plugins.remove(name);
        pluginText.remove(name);
        try {
            save();
        } catch (UncheckedIOException e) {
            restore(name, before);
            throw e;
        }
    }

    private void restore(String name, PluginRecord before) {
        pluginText.remove(name);
        if (before == null) {
            plugins.remove(name);
        } else {
            plugins.put(name, before);
        }
    }

    synchronized Optional<Rejection> rejection(String fileName) {
        return Optional.ofNullable(rejections.get(fileName));
    }

    synchronized List<Rejection> rejections() {
        return new ArrayList<>(rejections.values());
    }

    synchronized void reject(Rejection rejection) {
        rejections.put(rejection.file(), rejection);
        rejectionText.remove(rejection.file());
        save();
    }

    synchronized void clearRejection(String fileName) {
        if (rejections.remove(fileName) != null) {
            rejectionText.remove(fileName);
            save();
        }
    }

    /**
     * Puts several records at once with one write of the file: for a batch of plugins installed together, each of which
     * would otherwise rewrite the whole file.
     */
    synchronized void putAll(List<PluginRecord> records) {
        Map<String, PluginRecord> before = new TreeMap<>();
        for (PluginRecord record : records) {
            before.put(record.name(), plugins.put(record.name(), record));
            pluginText.remove(record.name());
        }
        try {
            save();
        } catch (UncheckedIOException e) {
            before.forEach(this::restore);
            throw e;
        }
    }

    /** @throws UncheckedIOException if the file cannot be written: the change that asked must fail */
    private void save() {
        // each record's lines are kept as written: a change writes the file anew but formats only what changed, so that
        // its cost does not grow with the plugins installed beyond copying their text
        StringBuilder text = new StringBuilder("#Kiln's plugins and refused files; written by Kiln, do not edit while it runs\n#")
                .append(Instant.now()).append('\n');
        pluginText.keySet().retainAll(plugins.keySet());
        rejectionText.keySet().retainAll(rejections.keySet());
        plugins.values().forEach(p -> text.append(pluginText.computeIfAbsent(p.name(), n -> lines(pluginProperties(p)))));
        rejections.values().forEach(r -> text.append(rejectionText.computeIfAbsent(r.file(), f -> lines(rejectionProperties(r)))));
        try {
            AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the plugin records to " + file + ": " + e.getMessage(), e);
        }
    }

    private static Properties pluginProperties(PluginRecord p) {
        Properties out = new Properties();
        String k = "plugin." + p.name() + ".";
        out.setProperty(k + "file", p.file());
        out.setProperty(k + "sha256", p.sha256());
        out.setProperty(k + "version", p.version());
        out.setProperty(k + "enabled", Boolean.toString(p.enabled()));
        out.setProperty(k + "held", p.heldSha256());
        out.setProperty(k + "outcome", p.lastOutcome() == null ? "" : p.lastOutcome().name());
        out.setProperty(k + "error", p.lastError());
        out.setProperty(k + "time", p.lastChange() == null ? "" : p.lastChange().toString());
        return out;
    }

    private static Properties rejectionProperties(Rejection r) {
        Properties out = new Properties();
        String k = "rejected." + r.file() + ".";
        out.setProperty(k + "sha256", r.sha256());
        out.setProperty(k + "plugin", r.plugin());
        out.setProperty(k + "reason", r.reason());
        out.setProperty(k + "time", r.time().toString());
        out.setProperty(k + "waiting", Boolean.toString(r.waiting()));
        return out;
    }

    /** The properties as {@link Properties#store} writes them, without its comment lines. */
    private static String lines(Properties properties) {
        StringWriter text = new StringWriter();
        try {
            properties.store(text, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        StringBuilder kept = new StringBuilder();
        text.toString().lines().filter(line -> !line.startsWith("#")).forEach(line -> kept.append(line).append('\n'));
        return kept.toString();
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        Properties in = new Properties();
        try {
            in.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            LOG.error("Cannot read the plugin records in {} ({}); starting without them", file, e.toString());
            return;
        }
        for (String key : in.stringPropertyNames()) {
            if (key.startsWith("plugin.") && key.endsWith(".sha256")) {
                String name = key.substring("plugin.".length(), key.length() - ".sha256".length());
                String k = "plugin." + name + ".";
                String outcome = in.getProperty(k + "outcome", "");
                String time = in.getProperty(k + "time", "");
                plugins.put(name, new PluginRecord(name, in.getProperty(k + "file", ""), in.getProperty(k + "sha256"),
                        in.getProperty(k + "version", ""), Boolean.parseBoolean(in.getProperty(k + "enabled", "true")),
                        in.getProperty(k + "held", ""), outcome.isEmpty() ? null : Outcome.valueOf(outcome),
                        in.getProperty(k + "error", ""), time.isEmpty() ? null : Instant.parse(time)));
            } else if (key.startsWith("rejected.") && key.endsWith(".sha256")) {
                String name = key.substring("rejected.".length(), key.length() - ".sha256".length());
                String k = "rejected." + name + ".";
                rejections.put(name, new Rejection(name, in.getProperty(key), in.getProperty(k + "plugin", ""),
                        in.getProperty(k + "reason", ""), Instant.parse(in.getProperty(k + "time", Instant.EPOCH.toString())),
                        Boolean.parseBoolean(in.getProperty(k + "waiting", "false"))));
            }
        }
    }
}
