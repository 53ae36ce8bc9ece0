package io.kiln.table;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How the shell and the command-line client print a time, in this machine's zone: the same moment reads the same in
 * {@code kiln:status} and {@code kiln status}. The API and {@code --json} keep ISO-8601 in UTC.
 */
public final class Times {

    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private Times() {
    }

    /** @return when something happened, to the second: {@code 2026-12-02 01:39:00} */
    public static String moment(Instant time) {
        return moment(time, ZoneId.systemDefault());
    }

    /** @return the time of a log line, to the millisecond: {@code 01:39:00.754} */
    public static String timeOfDay(Instant time) {
        return TIME_OF_DAY.withZone(ZoneId.systemDefault()).format(time);
    }

    /**
     * @param iso a time as the API gives it (ISO-8601)
     * @return it as {@link #moment(Instant)} prints it; text that is not such a time (empty, from another Kiln) as it is
     */
    public static String moment(String iso) {
        return moment(iso, ZoneId.systemDefault());
    }

    static String moment(Instant time, ZoneId zone) {
        return MOMENT.withZone(zone).format(time);
    }

    static String moment(String iso, ZoneId zone) {
        try {
            return moment(Instant.parse(iso), zone);
        } catch (DateTimeParseException notOne) {
            return iso;
        }
    }
}
