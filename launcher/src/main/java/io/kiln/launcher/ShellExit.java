package io.kiln.launcher;

import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.launch.Framework;

/**
 * The shell's {@code exit [CODE]}: stops Kiln as Ctrl-D does. Without it Gogo finds {@code system:exit}, which is
 * {@link System#exit}: called from the shell's own command thread, the stop it sets off interrupts the shell while it
 * waits for that command, and the shell prints an {@code InterruptedException}. This stops the framework in the
 * background instead and returns, so the shell is between commands when it is stopped.
 */
public final class ShellExit {

    private final Framework framework;
    private volatile int status;

    private ShellExit(Framework framework) {
        this.framework = framework;
    }

    /** Registers {@code kiln:exit} as a Gogo command; found before {@code system:exit} for a plain {@code exit}. */
    static ShellExit register(Framework framework) {
        ShellExit exit = new ShellExit(framework);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("osgi.command.scope", "kiln");
        properties.put("osgi.command.function", new String[] { "exit" });
        BundleContext context = framework.getBundleContext();
        ServiceRegistration<?> registration = context.registerService(Object.class, exit, properties);
        assert registration != null;
        return exit;
    }

    /** Stops Kiln; the process exits 0. */
    public void exit() throws BundleException {
        exit(0);
    }

    /** Stops Kiln; the process exits with {@code code}. */
    public void exit(int code) throws BundleException {
        status = code;
        framework.stop(); // Felix stops the framework on a thread of its own
    }

    /** @return the code the last {@code exit} asked for (0 if none) */
    int status() {
        return status;
    }
}
