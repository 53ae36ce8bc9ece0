package io.kiln.runtime.internal.watch;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The watcher settings, read from framework properties so that they sit in {@code conf/kiln.properties}
 * beside FileInstall's own.
 *
 * @param folders         the folders FileInstall watches ({@code felix.fileinstall.dir}, comma-separated)
 * @param trees           folders watched with their sub-folders ({@code kiln.skills})
 * @param quietMillis     how long a folder must be quiet after a change before FileInstall is woken
 * @param burstMillis     the gap between two wake-ups of one burst
 * @param burstCount      the number of wake-ups in one burst
 */
public record WatchSettings(List<Path> folders, List<Path> trees, long quietMillis, long burstMillis, int burstCount) {

    static final String FOLDERS = "felix.fileinstall.dir";
    static final String TREES = "kiln.skills";
    static final String QUIET_MILLIS = "kiln.watch.quietMillis";
    static final String BURST_MILLIS = "kiln.watch.burstMillis";
    static final String BURST_COUNT = "kiln.watch.burstCount";

    public WatchSettings {
        folders = List.copyOf(folders);
        trees = List.copyOf(trees);
        if (quietMillis < 0 || burstMillis < 1 || burstCount < 1) {
            throw new IllegalArgumentException("watch settings out of range: quiet=" + quietMillis
                    + " ms, burst every " + burstMillis + " ms x " + burstCount);
        }
    }

    /** Reads the settings through {@code property}, which answers {@code null} for an unset name. */
    public static WatchSettings from(UnaryOperator<String> property) {
        String dirs = property.apply(FOLDERS);
        List<Path> folders = dirs == null ? List.of()
                : Arrays.stream(dirs.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Path::of).toList();
        String skills = property.apply(TREES);
        List<Path> trees = skills == null || skills.isBlank() ? List.of() : List.of(Path.of(skills.trim()));
        return new WatchSettings(folders, trees,
                number(property, QUIET_MILLIS, 15),
                number(property, BURST_MILLIS, 5),
                (int) number(property, BURST_COUNT, 40));
    }

    private static long number(UnaryOperator<String> property, String name, long fallback) {
        String value = property.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of milliseconds, found '" + value + "'");
        }
    }
}
