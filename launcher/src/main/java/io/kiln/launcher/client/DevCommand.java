package io.kiln.launcher.client;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import io.kiln.launcher.KilnProperties;

import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kiln dev [PROJECT_DIR] [--debug[=PORT]] [--tests] [--maven-arg=ARG]... [--debounce=MS]}: builds a plugin
 * project inside Kiln on every save. Drives this folder's running Kiln (or the one {@code --api-url} names), or starts
 * one as a child and stops it at the end; Ctrl-C ends dev mode and exits 0.
 */
@Command(name = "dev", description = { "Dev mode: watches a plugin project's sources and has Kiln compile, package and reload it on every save"
        + " (POST /api/v1/builds), printing each reload's times and outcome, or the compiler's problems.",
        "Drives this folder's running Kiln (or --api-url); if none runs it starts one (bin/kiln --headless), shows its console,"
                + " and stops it when dev mode ends. Ctrl-C stops." })
final class DevCommand implements Callable<Integer> {

    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(1);

    @ParentCommand
    KilnCommand kiln;

    @Parameters(arity = "0..1", paramLabel = "PROJECT_DIR", defaultValue = ".", description = "the plugin project (default: the current folder)")
    Path projectDir;

    @Option(names = "--debug", arity = "0..1", fallbackValue = "5005", paramLabel = "PORT", preprocessor = DebugPort.class,
            description = "start Kiln with a debugger port on 127.0.0.1 (default port 5005); only for a Kiln dev mode starts")
    Integer debugPort;

    /** {@code --debug PROJECT_DIR} is the default port and a project, not a port named {@code PROJECT_DIR}. */
    static final class DebugPort implements IParameterPreprocessor {
        @Override
        public boolean preprocess(Stack<String> args, CommandSpec command, ArgSpec option, Map<String, Object> info) {
            if (" ".equals(info.get("separator")) && (args.isEmpty() || !args.peek().matches("\\d{1,5}"))) {
                args.push("5005");
            }
            return false;
        }
    }

    @Option(names = "--tests", description = "after each good reload, run the project's unit tests (mvn test) in the background")
    boolean tests;

    @Option(names = "--maven-arg", paramLabel = "ARG",
            description = "an argument for every Maven run, e.g. --maven-arg=-o or --maven-arg=-s --maven-arg=settings.xml (also $KILN_MAVEN_ARGS)")
    List<String> mavenArgs;

    @Option(names = "--debounce", paramLabel = "MS", defaultValue = "25",
            description = "how long the sources must be quiet after a change before a build starts (default: ${DEFAULT-VALUE})")
    long debounceMillis;

    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile boolean kilnEnded;
    private volatile SourceWatcher watcher;
    private volatile ChildKiln child;
    private volatile ConsoleFollower console;
    private volatile TestRuns testRuns;

    @Override
    public Integer call() throws ClientException, InterruptedException {
        long started = ManagementFactory.getRuntimeMXBean().getStartTime();
        PrintStream out = kiln.out();
        DevProject project = DevProject.read(projectDir);
        Maven maven = project.hasPom() ? Maven.find(kiln.env(), mavenArgs) : null;
        out.println("kiln dev: " + project.symbolicName() + " " + project.version() + " in " + project.dir());
        Thread hook = new Thread(() -> {
            stop(out);
            Runtime.getRuntime().halt(kilnEnded ? 1 : 0); // Ctrl-C is how dev mode ends: not the JVM's 130
        }, "kiln-dev-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            ApiClient api = kiln.options.kilnRunning(kiln.home(), kiln.env()) ? attach(out) : null;
            if (api == null) {
                startChild(out);
            }
            watcher = new SourceWatcher(project);
            List<String> classpath = maven == null ? CompileClasspath.withoutMaven(kiln.home(), out) : CompileClasspath.read(project, maven, out);
            if (api == null) {
                api = awaitChild(out);
            }
            out.println("watching src/main/java, src/main/resources, bnd.bnd and pom.xml (quiet " + debounceMillis + " ms before a build)"
                    + (tests ? "; unit tests after each good reload" : "") + "; Ctrl-C stops");
            if (tests && maven != null) {
                testRuns = new TestRuns(project, maven, out);
            } else if (tests) {
                out.println("--tests: no pom.xml, so no Maven build to run the tests with");
            }
            new DevMode(project, classpath, maven, new Builds(api), watcher, new Debounce(Duration.ofMillis(debounceMillis), LONGEST_WAIT),
                    testRuns, out, started).run();
            return kilnEnded ? 1 : 0;
        } catch (IOException e) {
            throw new ClientException("cannot watch " + project.dir() + ": " + e.getMessage());
        } finally {
            if (!stopping.get()) {
                Runtime.getRuntime().removeShutdownHook(hook);
                stop(out);
            }
        }
    }

    private ApiClient attach(PrintStream out) throws ClientException {
        ApiClient api = kiln.api();
        api.get("api/v1/status"); // fail now if it cannot be reached or the token is wrong
        out.println("using the running Kiln at " + api.base() + " (its console lines follow, from its event stream)");
        if (debugPort != null) {
            out.println("--debug: a debugger port belongs to the Kiln's own start (KILN_JAVA_OPTS=" + ChildKiln.debugOption(debugPort)
                    + " bin/kiln); dev mode did not start this Kiln, so it opens none");
        }
        ConsoleFollower follower = new ConsoleFollower(api, out);
        follower.start();
        console = follower;
        return api;
    }

    private void startChild(PrintStream out) throws ClientException {
        ChildKiln started = ChildKiln.start(kiln.home(), kiln.env(), debugPort == null ? null : ChildKiln.debugOption(debugPort));
        child = started;
        out.println("starting Kiln (pid " + started.pid() + ") from " + kiln.home() + "; it stops when dev mode ends");
        started.onExit().thenRun(() -> {
            if (!stopping.get()) {
                kilnEnded = true;
                out.println("Kiln (pid " + started.pid() + ") has ended: dev mode stops");
                closeWatcher();
            }
        });
    }

    private ApiClient awaitChild(PrintStream out) throws ClientException, InterruptedException {
        URI url = child.awaitReady(ClientOptions.settingsFile(kiln.home(), KilnProperties.API_URL_FILE), START_TIMEOUT);
        out.println("Kiln ready at " + url + " (" + child.millisSinceStart() + " ms after it was started)");
        if (debugPort != null) {
            out.println("debugger: attach to 127.0.0.1:" + debugPort + " (jdb -attach 127.0.0.1:" + debugPort + ", or the IDE's remote JVM debug)");
        }
        return new ApiClient(url, kiln.options.token(kiln.home(), kiln.env()));
    }

    /** Stops watching, the tests, the console, and the Kiln dev mode started; once. */
    private void stop(PrintStream out) {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        closeWatcher();
        if (testRuns != null) {
            testRuns.close();
        }
        if (console != null) {
            console.close();
        }
        ChildKiln started = child;
        if (started != null && started.isAlive()) {
            out.println("stopping Kiln (pid " + started.pid() + ")");
            int exit = started.stop();
            out.println(exit == -1 ? "Kiln (pid " + started.pid() + ") did not stop in " + ChildKiln.STOP_TIMEOUT.toSeconds() + " s: killed"
                    : "Kiln (pid " + started.pid() + ") has stopped");
        }
        out.println("dev mode stopped");
        out.flush();
    }

    private void closeWatcher() {
        SourceWatcher current = watcher;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // closed already
            }
        }
    }
}
