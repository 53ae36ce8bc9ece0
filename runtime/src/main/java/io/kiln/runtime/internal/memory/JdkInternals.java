package io.kiln.runtime.internal.memory;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JDK's private fields that tell what holds a class loader, each open only where the JVM was started with the
 * {@code --add-opens} flag that opens its package. What is not open is named in {@link #unavailable()}, with the flag.
 */
final class JdkInternals {

    /** {@code Thread.target}: the Runnable a thread was started with. */
    final Optional<Field> threadTarget;
    /** {@code ApplicationShutdownHooks.hooks}, and the class whose lock guards it. */
    final Optional<Field> shutdownHooks;
    final Optional<Class<?>> shutdownHooksClass;
    /** {@code TimerThread.queue}, {@code TimerThread.newTasksMayBeScheduled}; {@code TaskQueue.queue}, {@code size}, {@code clear()}. */
    final Optional<Class<?>> timerThread;
    final Optional<Field> timerQueue;
    final Optional<Field> timerMayBeScheduled;
    final Optional<Field> taskArray;
    final Optional<Field> taskCount;
    final Optional<Method> taskClear;
    /** {@code DriverManager.registeredDrivers}, {@code DriverInfo.driver}, {@code DriverInfo.da}. */
    final Optional<Field> registeredDrivers;
    final Optional<Field> driverInfoDriver;
    final Optional<Field> driverInfoAction;

    /** For each JVM option that would open what is closed, what it would open. */
    private final Map<String, Set<String>> closed = new LinkedHashMap<>();
    private final List<String> other = new ArrayList<>();

    JdkInternals() {
        String lang = "--add-opens java.base/java.lang=ALL-UNNAMED";
        String util = "--add-opens java.base/java.util=ALL-UNNAMED";
        String sql = "--add-opens java.sql/java.sql=ALL-UNNAMED";
        threadTarget = field("java.lang.Thread", "target", "threads' Runnables", lang);
        shutdownHooksClass = type("java.lang.ApplicationShutdownHooks");
        shutdownHooks = field("java.lang.ApplicationShutdownHooks", "hooks", "shutdown hooks", lang);
        timerThread = type("java.util.TimerThread");
        timerQueue = field("java.util.TimerThread", "queue", "timers", util);
        timerMayBeScheduled = field("java.util.TimerThread", "newTasksMayBeScheduled", "timers", util);
        taskArray = field("java.util.TaskQueue", "queue", "timers", util);
        taskCount = field("java.util.TaskQueue", "size", "timers", util);
        taskClear = method("java.util.TaskQueue", "clear", "timers", util);
        registeredDrivers = field("java.sql.DriverManager", "registeredDrivers", "JDBC drivers", sql);
        driverInfoDriver = field("java.sql.DriverInfo", "driver", "JDBC drivers", sql);
        driverInfoAction = field("java.sql.DriverInfo", "da", "JDBC drivers", sql);
    }

    /** @return what cannot be inspected, each with the JVM option that would open it; empty when all can */
    List<String> unavailable() {
        List<String> lines = new ArrayList<>();
        closed.forEach((option, what) -> lines.add(String.join(", ", what) + " cannot be inspected: start the JVM with " + option));
        lines.addAll(other);
        return lines;
    }

    private Optional<Class<?>> type(String name) {
        try {
            return Optional.of(Class.forName(name, false, ClassLoader.getPlatformClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    private Optional<Field> field(String type, String name, String what, String option) {
        try {
            Field field = Class.forName(type, false, ClassLoader.getPlatformClassLoader()).getDeclaredField(name);
            field.setAccessible(true);
            return Optional.of(field);
        } catch (ClassNotFoundException | NoSuchFieldException | InaccessibleObjectException | SecurityException | LinkageError e) {
            note(what, option, e);
            return Optional.empty();
        }
    }

    private Optional<Method> method(String type, String name, String what, String option) {
        try {
            Method method = Class.forName(type, false, ClassLoader.getPlatformClassLoader()).getDeclaredMethod(name);
            method.setAccessible(true);
            return Optional.of(method);
        } catch (ClassNotFoundException | NoSuchMethodException | InaccessibleObjectException | SecurityException | LinkageError e) {
            note(what, option, e);
            return Optional.empty();
        }
    }

    private void note(String what, String option, Throwable cause) {
        if (cause instanceof InaccessibleObjectException) {
            closed.computeIfAbsent(option, o -> new LinkedHashSet<>()).add(what);
        } else {
            String line = what + " cannot be inspected on this JVM (" + cause + ")";
            if (!other.contains(line)) {
                other.add(line);
            }
        }
    }
}
