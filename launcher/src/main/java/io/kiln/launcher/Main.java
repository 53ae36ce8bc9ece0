package io.kiln.launcher;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.nio.file.Path;

import io.kiln.launcher.client.Client;

/**
 * {@code bin/kiln}: runs Kiln in the foreground until the shell, Ctrl-C or SIGTERM stops it; {@code bin/kiln COMMAND}
 * runs the command-line client against a running Kiln instead ({@link Client}).
 * <p>
 * Exit codes: 0 after a clean stop, 1 when Kiln cannot start (the cause is printed), 2 for a bad command line.
 */
public final class Main {

    private static volatile boolean exiting;

    private Main() {
    }

    public static void main(String[] args) {
        if (Client.wanted(Arrays.asList(args))) {
            Path home = Path.of(System.getProperty("kiln.home", "."));
            System.exit(Client.run(Arrays.asList(args), home, System.getenv(), System.out, System.err));
        }
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(Arrays.asList(args), System.getProperty("kiln.home"));
        } catch (IllegalArgumentException e) {
            System.err.println("kiln: " + e.getMessage());
            System.err.println(LaunchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(LaunchOptions.USAGE);
            return;
        }
        int status;
        try {
            status = run(options);
        } catch (LaunchException e) {
            System.err.println("kiln: cannot start: " + e.getMessage());
            status = 1;
        } catch (RuntimeException e) {
            System.err.println("kiln: cannot start: " + e);
            e.printStackTrace();
            status = 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 1;
        }
        exit(status);
    }

    /** @return the exit code once Kiln has stopped */
    private static int run(LaunchOptions options) throws LaunchException, InterruptedException {
        StartupTrace.step("launcher started");
        Map<String, String> settings;
        try {
            settings = KilnProperties.load(options.home(), System.getProperties());
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new LaunchException(e.getMessage(), e);
        }
        Optional<Long> owner = StopWithProcess.owner(System.getProperty(StopWithProcess.PROPERTY));
        Folders folders = Folders.of(options.home(), settings);
        folders.prepare();
        FolderLock.take(folders);
        AdminPort.checkFree(settings);
        // before anything logs: every console line can then be followed through the admin API
        ConsoleLines console = new ConsoleLines(System.out);
        System.setOut(console);
        StartupTrace.step("launcher's settings, folders, folder lock and admin port checked");
        EmbeddedFelix kiln = EmbeddedFelix.start(folders, settings, console.publisher());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopOnSignal(kiln), "kiln-shutdown"));
        owner.ifPresent(pid -> StopWithProcess.watch(pid, () -> {
            System.out.println("Kiln stops: the process that started it for its session (pid " + pid + ") has ended");
            stopOnSignal(kiln);
        }));

        System.out.println("Kiln ready in " + StartupTrace.millisSinceJvmStart() + " ms");
        boolean shell = !options.headless() && System.console() != null;
        if (shell) {
            kiln.startShell();
        }
        kiln.awaitStop();
        return kiln.exitStatus();
    }

    /**
     * Ctrl-C or SIGTERM, or the end of the process Kiln was started for: stop the framework cleanly, then exit 0 rather
     * than the JVM's 128+signal (1 if it did not stop in time).
     */
    private static void stopOnSignal(EmbeddedFelix kiln) {
        if (exiting) {
            return;
        }
        boolean stopped = kiln.stop();
        System.out.println(stopped ? "Kiln stopped" : "Kiln did not stop in time; exiting anyway");
        System.out.flush();
        Runtime.getRuntime().halt(stopped ? 0 : 1);
    }

    private static void exit(int status) {
        exiting = true;
        System.exit(status);
    }
}
