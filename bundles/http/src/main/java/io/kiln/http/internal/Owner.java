package io.kiln.http.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.framework.BundleContext;

/** Which process serves the API, from which distribution folder ({@code kiln.home}, as its real path). */
final class Owner {

    private Owner() {
    }

    /** @return the real path of the distribution, or {@code ""} when Kiln was started without {@code kiln.home} */
    static String home(BundleContext context) {
        String home = context.getProperty("kiln.home");
        if (home == null || home.isBlank()) {
            return "";
        }
        try {
            return Path.of(home).toRealPath().toString();
        } catch (IOException e) {
            return Path.of(home).toAbsolutePath().normalize().toString();
        }
    }

    /** @return the owner lines of {@code data/api-url}: {@code pid=N} and {@code home=PATH} */
    static String lines(BundleContext context) {
        String home = home(context);
        return "pid=" + ProcessHandle.current().pid() + "\n" + (home.isEmpty() ? "" : "home=" + home + "\n");
    }
}
