package io.kiln.runtime.internal.logging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

import io.kiln.runtime.api.ConfigService;
import io.kiln.runtime.api.LogLevel;
import io.kiln.runtime.api.LogLevels;
import io.kiln.runtime.api.LogLine;
import io.kiln.runtime.api.LoggerLevel;
import io.kiln.runtime.api.LoggingService;
import io.kiln.runtime.api.PluginInfo;
import io.kiln.runtime.api.PluginService;
import io.kiln.runtime.api.SectionInfo;
import io.kiln.runtime.api.SectionResult;
import io.kiln.runtime.api.Trigger;
import io.kiln.runtime.api.UnknownSectionException;

/**
 * Levels read from and written into the logging section (a level set is a change to that section, checked and
 * recorded like any), and the latest messages from Pax Logging's Log Service.
 */
@Component(service = LoggingService.class)
public final class Logging implements LoggingService {

    /** Log4j's root level when the section sets none. */
    private static final LogLevel LOG4J_DEFAULT_ROOT = LogLevel.ERROR;

    private final BundleContext context;
    private final ConfigService config;
    private final PluginService plugins;
    private final LogReaderService logReader;

    @Activate
    public Logging(BundleContext context, @Reference ConfigService config, @Reference PluginService plugins,
            @Reference LogReaderService logReader) {
        this.context = context;
        this.config = config;
        this.plugins = plugins;
        this.logReader = logReader;
    }

    @Override
    public LogLevels levels() {
        Map<String, String> running = running().map(s -> LoggingSectionCheck.texts(new java.util.Hashtable<>(s.properties())))
                .orElse(Map.of());
        LogLevel root = Optional.ofNullable(running.get(LoggingSection.ROOT_LEVEL)).flatMap(LoggingSection::level)
                .orElse(LOG4J_DEFAULT_ROOT);
        Map<String, String> pluginOfPackage = pluginPackages();
        List<LoggerLevel> loggers = new ArrayList<>();
        for (LoggingSection.Logger logger : LoggingSection.loggers(running)) {
            Optional<LogLevel> level = logger.level().flatMap(LoggingSection::level);
            if (level.isPresent()) {
                String plugin = pluginOfPackage.entrySet().stream().filter(p -> PluginLoggers.covers(p.getKey(), logger.name()))
                        .map(Map.Entry::getValue).findFirst().orElse("");
                loggers.add(new LoggerLevel(logger.name(), level.get(), plugin));
            }
        }
        loggers.sort(java.util.Comparator.comparing(LoggerLevel::logger));
        return new LogLevels(root, loggers);
    }

    @Override
    public SectionResult setLevel(String target, LogLevel level, Trigger trigger) {
        SectionInfo section = running().orElseThrow(() -> new UnknownSectionException(SECTION_PID,
                config.sections().stream().map(SectionInfo::pid).toList()));
        Map<String, String> values = new LinkedHashMap<>();
        if (target == null || target.isBlank()) {
            values.put(LoggingSection.ROOT_LEVEL, level.name());
        } else {
            List<LoggingSection.Logger> named = LoggingSection.loggers(
                    LoggingSectionCheck.texts(new java.util.Hashtable<>(section.properties())));
            List<String> ids = new ArrayList<>(named.stream().map(LoggingSection.Logger::id).toList());
            for (String logger : loggersOf(target.strip())) {
                Optional<LoggingSection.Logger> existing = named.stream().filter(l -> l.name().equals(logger)).findFirst();
                String id = existing.map(LoggingSection.Logger::id).orElseGet(() -> LoggingSection.newId(logger, ids));
                ids.add(id);
                if (existing.isEmpty()) {
                    values.put(LoggingSection.nameKey(id), logger);
                }
                values.put(LoggingSection.levelKey(id), level.name());
            }
        }
        return config.set(SECTION_PID, values, trigger);
    }

    /** A plugin's name stands for its own packages; anything else is a logger's name. */
    private List<String> loggersOf(String target) {
        Optional<PluginInfo> plugin = plugins.plugin(target);
        if (plugin.isEmpty()) {
            return List.of(target);
        }
        List<String> packages = bundle(target).map(PluginLoggers::of).orElse(List.of());
        if (packages.isEmpty()) {
            throw new IllegalArgumentException("plugin " + target + " has no classes of its own to set a level for");
        }
        return packages;
    }

    private Map<String, String> pluginPackages() {
        Map<String, String> owners = new LinkedHashMap<>();
        for (PluginInfo plugin : plugins.list()) {
            bundle(plugin.name()).ifPresent(b -> PluginLoggers.of(b).forEach(p -> owners.putIfAbsent(p, plugin.name())));
        }
        return owners;
    }

    private Optional<Bundle> bundle(String name) {
        for (Bundle bundle : context.getBundles()) {
            if (name.equals(bundle.getSymbolicName()) && bundle.getState() != Bundle.UNINSTALLED) {
                return Optional.of(bundle);
            }
        }
        return Optional.empty();
    }

    private Optional<SectionInfo> running() {
        return config.section(SECTION_PID);
    }

    @Override
    public List<LogLine> recent(int max) {
        @SuppressWarnings("unchecked")
        java.util.Enumeration<org.osgi.service.log.LogEntry> entries = logReader.getLog();
        return LogLines.latest(entries, Math.max(0, max));
    }

    @Override
    public AutoCloseable follow(Consumer<LogLine> listener) {
        LogListener forward = entry -> listener.accept(LogLines.of(entry));
        logReader.addLogListener(forward);
        return () -> logReader.removeLogListener(forward);
    }
}
