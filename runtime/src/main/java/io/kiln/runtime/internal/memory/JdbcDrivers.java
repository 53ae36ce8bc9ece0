package io.kiln.runtime.internal.memory;

import java.sql.Driver;
import java.sql.DriverAction;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.runtime.api.Leftover;

/**
 * The JDBC drivers a stopped plugin registered with {@code java.sql.DriverManager}: the manager holds them, and so
 * the plugin's class loader, until they are deregistered. {@code DriverManager} shows and deregisters a driver only to
 * code of the driver's own class loader (the methods are caller-sensitive, and a method handle looked up in the
 * plugin's class does not count as its code), so Kiln reads the manager's list of drivers itself and deregisters as
 * {@code deregisterDriver} does: out of the list, then the driver's {@link DriverAction}, if it gave one.
 */
final class JdbcDrivers {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcDrivers.class);

    /** A driver of the plugin's, with the manager's entry for it. */
    record Found(Object info, Driver driver) {
    }

    private final JdkInternals jdk;

    JdbcDrivers(JdkInternals jdk) {
        this.jdk = jdk;
    }

    List<Found> find(PluginCode code) {
        List<Found> found = new ArrayList<>();
        for (Object info : registered()) {
            try {
                Driver driver = (Driver) jdk.driverInfoDriver.get().get(info);
                if (driver != null && code.defined(driver.getClass())) {
                    found.add(new Found(info, driver));
                }
            } catch (IllegalAccessException e) {
                // not open after all
            }
        }
        return found;
    }

    List<Leftover> deregister(List<Found> found) {
        List<Leftover> done = new ArrayList<>();
        List<?> registered = registeredList();
        for (Found driver : found) {
            boolean removed = registered.remove(driver.info());
            if (removed) {
                action(driver).ifPresent(action -> {
                    try {
                        action.deregister();
                    } catch (RuntimeException e) {
                        LOG.warn("The deregistration action of JDBC driver {} failed: {}", driver.driver().getClass().getName(), e.toString());
                    }
                });
            }
            done.add(new Leftover(Leftover.Kind.JDBC_DRIVER, driver.driver().getClass().getName(),
                    removed ? Leftover.Handling.REMOVED : Leftover.Handling.REPORTED));
        }
        return done;
    }

    private java.util.Optional<DriverAction> action(Found driver) {
        return jdk.driverInfoAction.map(field -> {
            try {
                return (DriverAction) field.get(driver.info());
            } catch (IllegalAccessException e) {
                return null;
            }
        });
    }

    private List<?> registered() {
        return List.copyOf(registeredList());
    }

    private List<?> registeredList() {
        if (jdk.registeredDrivers.isEmpty() || jdk.driverInfoDriver.isEmpty()) {
            return new ArrayList<>();
        }
        try {
            List<?> list = (List<?>) jdk.registeredDrivers.get().get(null);
            return list == null ? new ArrayList<>() : list;
        } catch (IllegalAccessException e) {
            return new ArrayList<>();
        }
    }
}
