package io.kiln.runtime.internal.logging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

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

    /** The target that stands for the root level, as Log4j names it. */
    private static final String ROOT = "root";
    /** A Java name, dotted: what loggers are named after. */
    private static final Pattern LOGGER_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
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
        SectionInfo section = running().orElseThrow(this::noSection);
        Map<String, String> running = LoggingSection.texts(section.properties());
        LogLevel root = Optional.ofNullable(running.get(LoggingSection.ROOT_LEVEL)).flatMap(LoggingSection::level)
                .orElse(LOG4J_DEFAULT_ROOT);
        Map<String, String> pluginOfPackage = pluginPackages();
        List<LoggerLevel> loggers = new ArrayList<>();
        for (LoggingSection.Logger logger : LoggingSection.loggers(running)) {
            Optional<LogLevel> level = logger.level().flatMap(LoggingSection::level);
            if (level.isPresent()) {
                loggers.add(new LoggerLevel(logger.name(), level.get(), ownerOf(logger.name(), pluginOfPackage).orElse("")));
            }
        }
        loggers.sort(Comparator.comparing(LoggerLevel::logger));
        return new LogLevels(root, loggers);
    }

    /** @return the plugin whose package is the longest one that covers the logger */
    private static Optional<String> ownerOf(String logger, Map<String, String> pluginOfPackage) {
        return pluginOfPackage.entrySet().stream().filter(p -> PluginLoggers.covers(p.getKey(), logger))
                .max(Comparator.comparingInt(p -> p.getKey().length())).map(Map.Entry::getValue);
    }

    private UnknownSectionException noSection() {
        return new UnknownSectionException(SECTION_PID, config.sections().stream().map(SectionInfo::pid).toList());
    }

    @Override
    public SectionResult setLevel(String target, LogLevel level, Trigger trigger) {
        SectionInfo section = running().orElseThrow(this::noSection);
        Map<String, String> values = new LinkedHashMap<>();
        List<String> alsoCovered = new ArrayList<>();
        String name = target == null ? "" : target.strip();
        if (name.isEmpty() || name.equalsIgnoreCase(ROOT)) {
            values.put(LoggingSection.ROOT_LEVEL, level.name());
        } else {
            List<LoggingSection.Logger> named = LoggingSection.loggers(LoggingSection.texts(section.properties()));
            List<String> ids = new ArrayList<>(named.stream().map(LoggingSection.Logger::id).toList());
            Map<String, String> pluginOfPackage = pluginPackages();
            for (String logger : loggersOf(name)) {
                Optional<LoggingSection.Logger> existing = named.stream().filter(l -> l.name().equals(logger)).findFirst();
                String id = existing.map(LoggingSection.Logger::id).orElseGet(() -> LoggingSection.newId(logger, ids));
                ids.add(id);
                if (existing.isEmpty()) {
                    values.put(LoggingSection.nameKey(id), logger);
                }
                values.put(LoggingSection.levelKey(id), level.name());
                pluginOfPackage.forEach((pkg, plugin) -> {
                    if (!plugin.equals(name) && PluginLoggers.covers(logger, pkg) && !alsoCovered.contains(plugin)) {
                        alsoCovered.add(plugin);
                    }
                });
            }
        }
        SectionResult result = config.set(SECTION_PID, values, trigger);
        if (alsoCovered.isEmpty() || !result.succeeded()) {
            return result;
        }
        // a package's level reaches every package under it, other plugins' too: the caller should know
        List<String> warnings = new ArrayList<>(result.warnings());
        warnings.add("the level covers the loggers of " + String.join(", ", alsoCovered) + " too (their packages are under "
                + String.join(", ", values.entrySet().stream().filter(e -> e.getKey().endsWith(".name")).map(Map.Entry::getValue).toList())
                + ")");
        return new SectionResult(result.pid(), result.file(), result.outcome(), result.error(), warnings, result.duration());
    }

    /**
     * A plugin's name stands for its own packages; a name with a dot (or {@code $}) for a logger, a package or a
     * class; anything else is refused as a plugin that is not there, rather than taken for a logger no one uses.
     */
    private List<String> loggersOf(String target) {
        Optional<PluginInfo> plugin = plugins.plugin(target);
        if (plugin.isEmpty()) {
            if (!target.contains(".") && !target.contains("$")) {
                throw new IllegalArgumentException("no plugin is named '" + target + "'; for a logger give its package or class name "
                        + "(e.g. org.eclipse.jetty), for the root level none");
            }
            if (!LOGGER_NAME.matcher(target).matches()) {
                throw new IllegalArgumentException("'" + target + "' is not a logger name (a package or class name, e.g. org.eclipse.jetty)");
            }
            return List.of(target);
        }
        Map<Long, Set<String>> exports = PluginLoggers.exports(context);
        List<String> packages = bundle(target).map(b -> PluginLoggers.of(b, exports)).orElse(List.of());
        if (packages.isEmpty()) {
            throw new IllegalArgumentException("plugin " + target + " has no classes of its own to set a level for");
        }
        return packages;
    }

    private Map<String, String> pluginPackages() {
        Map<String, String> owners = new LinkedHashMap<>();
        Map<Long, Set<String>> exports = PluginLoggers.exports(context);
        for (PluginInfo plugin : plugins.list()) {
            bundle(plugin.name()).ifPresent(b -> PluginLoggers.of(b, exports).forEach(p -> owners.putIfAbsent(p, plugin.name())));
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
    public Following follow(Consumer<LogLine> listener) {
        LogListener forward = entry -> listener.accept(LogLines.of(entry));
        logReader.addLogListener(forward);
        return () -> logReader.removeLogListener(forward);
    }
}
