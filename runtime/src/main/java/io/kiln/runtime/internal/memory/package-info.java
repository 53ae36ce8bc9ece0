/**
 * Memory that comes back: what a plugin leaves behind when it stops that keeps its class loader in memory (threads it
 * did not stop, JDBC drivers, shutdown hooks, timers), found and cleaned up where that is safe as it stops for an
 * update, a rollback, a reload, a disable or an uninstall; and a watch on every retired revision's class loader that
 * reports the ones still in memory after a grace period, with what Kiln can see holding them.
 * <p>
 * Some of what it looks at is private to the JDK. It reads it only where the JVM opens it
 * ({@code --add-opens java.base/java.lang=ALL-UNNAMED}, {@code java.base/java.util}, {@code java.sql/java.sql}, as
 * {@code bin/kiln} starts it), and says once, in the log, what it cannot inspect otherwise.
 */
package io.kiln.runtime.internal.memory;
