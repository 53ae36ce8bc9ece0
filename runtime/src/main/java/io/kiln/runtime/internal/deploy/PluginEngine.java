package io.kiln.runtime.internal.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.annotations.Designate;

import io.kiln.runtime.api.BuildResult;
import io.kiln.runtime.api.BuildService;
import io.kiln.runtime.api.ChangeResult;
import io.kiln.runtime.api.ExportedPackage;
import io.kiln.runtime.api.ProjectBuild;
import io.kiln.runtime.api.HistoryEntry;
import io.kiln.runtime.api.Outcome;
import io.kiln.runtime.api.PluginGraph;
import io.kiln.runtime.api.PluginInfo;
import io.kiln.runtime.api.PluginService;
import io.kiln.runtime.api.ReloadSummary;
import io.kiln.runtime.api.RuntimeStatus;
import io.kiln.runtime.api.Trigger;
import io.kiln.runtime.internal.health.PluginHealthChecks;
import io.kiln.runtime.internal.history.ChangeJournal;
import io.kiln.runtime.internal.memory.PluginMemory;
import io.kiln.runtime.internal.scr.ComponentStates;
import io.kiln.runtime.internal.build.SourceBuilder;
import io.kiln.runtime.internal.call.CallBounds;
import io.kiln.runtime.internal.call.ServiceHandles;
import io.kiln.runtime.internal.store.RuntimeFolders;
import io.kiln.runtime.internal.state.StateStore;

/**
 * The reload engine: owns Kiln's records and stores, runs every change to a plugin as a transaction, and is
 * the {@link PluginService} every front door uses.
 * <p>
 * Where it keeps its data: framework property {@code kiln.data} (the distribution sets
 * {@code data/kiln}), else this bundle's data area. The plugin folder: {@code kiln.hot}, else the first
 * folder FileInstall watches.
 */
@Component(service = { PluginService.class, BuildService.class, PluginEngine.class }, immediate = true,
        configurationPid = RuntimeConfiguration.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RuntimeConfiguration.class)
public final class PluginEngine implements PluginService, BuildService {

    /** Framework property: {@code true} warms the compiler up as Kiln starts (dev mode sets it). */
    static final String WARM_UP = "kiln.build.warmUp";

    private final DeployContext kiln;
    private final JarDeployments jars;
    private final SourceDeployments sources;
    private final Uninstalls uninstalls;
    private final Refusals refusals;
    private final PluginOperations operations;
    private final TransactionQueue queue;
    private final BatchInstall batch;
    private final PluginInfos infos;
    private final PluginGraphs graphs;
    private final Thread startup;
    private final ServiceHandles handles;
    private final PlatformSectionsGate platformSections = new PlatformSectionsGate();

    @Activate
    public PluginEngine(BundleContext context, @Reference ServiceComponentRuntime scr, @Reference ChangeJournal journal,
            @Reference HealthCheckExecutor healthChecks, RuntimeConfiguration config) throws IOException {
        Path data = RuntimeFolders.data(context);
        Path hot = RuntimeFolders.hot(context);
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        BoundedLifecycle lifecycle = new BoundedLifecycle(config.lifecycle_timeout_millis(), wiring);
        ComponentStates components = new ComponentStates(scr);
        Path staging = Files.createDirectories(data.resolve("staging"));
        // before any plugin starts: its callers must find the handles, not the services
        handles = new ServiceHandles(context, DeployContext.LOCATION,
                new CallBounds(config.calls_wait_millis(), config.calls_drain_millis()));
        handles.open();
        kiln = new DeployContext(context, hot, staging, new PluginRecords(data.resolve("plugins.properties")),
                new VersionStore(data.resolve("versions"), config.versions_kept()), new StateStore(data.resolve("state")),
                journal, lifecycle, new ResolveCheck(context, wiring),
                new PluginVerifier(components, new PluginHealthChecks(context, healthChecks), config.verify_timeout_millis()), components,
                handles, new PluginMemory(journal, memorySettings(config)));
        Uninstalls uninstalls = new Uninstalls(kiln);
        this.uninstalls = uninstalls;
        refusals = new Refusals(kiln);
        jars = new JarDeployments(kiln, refusals, uninstalls);
        sources = new SourceDeployments(kiln, jars, refusals, compileOnlyJars(context));
        StartupRecoveries recoveries = new StartupRecoveries();
        StartupReconciliation reconciliation = new StartupReconciliation(kiln, uninstalls, recoveries);
        operations = new PluginOperations(kiln);
        infos = new PluginInfos(kiln, recoveries);
        graphs = new PluginGraphs(kiln, infos);
        batch = new BatchInstall(kiln, refusals);
        queue = new TransactionQueue(config.transaction_threads(), this::filesTogether);
        // the bundle ArtifactInstaller comes from is FileInstall's own
        FirstScanGate firstScan = new FirstScanGate(context, Optional.ofNullable(FrameworkUtil.getBundle(ArtifactInstaller.class)),
                FirstScanGate.WAIT_MILLIS);
        startup = new Thread(() -> {
            if (!platformSections.await()) {
                return; // the engine is stopping
            }
            reconciliation.reconcile();
            try {
                firstScan.await();
            } catch (InterruptedException e) {
                return; // the engine is stopping
            }
            queue.open();
        }, "kiln-startup");
        if (Boolean.parseBoolean(context.getProperty(WARM_UP))) {
            Thread warmUp = new Thread(sources::warmUp, "kiln-compiler-warm-up");
            warmUp.setDaemon(true);
            warmUp.setPriority(Thread.MIN_PRIORITY);
            warmUp.start();
        }
        startup.setDaemon(true);
        startup.start();
    }

    private static List<Path> compileOnlyJars(BundleContext context) throws IOException {
        Optional<Path> folder = RuntimeFolders.compileOnly(context);
        return folder.isPresent() ? SourceBuilder.jarsIn(folder.get()) : List.of();
    }

    /**
     * A changed {@code kiln.runtime} section applies to the next transaction; re-creating the engine would
     * drop what is under way. The number of transaction threads applies at the next start.
     */
    @Modified
    void modified(RuntimeConfiguration config) {
        kiln.lifecycle.timeoutMillis(config.lifecycle_timeout_millis());
        kiln.verifier.timeoutMillis(config.verify_timeout_millis());
        kiln.versions.previousToKeep(config.versions_kept());
        handles.bounds().set(config.calls_wait_millis(), config.calls_drain_millis());
        kiln.memory.settings(memorySettings(config));
    }

    private static PluginMemory.Settings memorySettings(RuntimeConfiguration config) {
        return new PluginMemory.Settings(java.time.Duration.ofSeconds(config.retired_grace_seconds()),
                config.leftover_thread_wait_millis(), config.retired_gc_before_report());
    }

    /** The platform's own sections (the logging section) are applied: the plugins found at start may start. */
    public void platformSectionsApplied() {
        platformSections.open();
    }

    /** Stops the start-up reconciliation if it still runs: it must not install into a framework that stops. */
    @Deactivate
    void deactivate() throws InterruptedException {
        startup.interrupt();
        queue.close();
        startup.join(kiln.lifecycle.timeoutMillis());
        kiln.lifecycle.close();
        kiln.memory.close();
        sources.close();
        handles.close();
    }

    /** @return whether the start-up thread has ended (for tests of the engine's own lifecycle) */
    boolean startupDone() {
        return !startup.isAlive();
    }

    // --- used by the hot folder installer and the state service

    Path hotFolder() {
        return kiln.hotFolder;
    }

    StateStore states() {
        return kiln.states;
    }

    void fileChanged(Path file, Trigger trigger) {
        queue.submit(file.toString(), new FileChange(file, trigger));
    }

    /** A jar in {@code hot/} to apply: by itself, or together with the others waiting beside it ({@link #filesTogether}). */
    private final class FileChange implements TransactionQueue.Groupable {

        private final Path file;
        private final Trigger trigger;

        FileChange(Path file, Trigger trigger) {
            this.file = file;
            this.trigger = trigger;
        }

        @Override
        public void run() {
            String key = file.toString();
            try {
                Optional<ChangeResult> result = jars.deployFile(file, trigger, () -> queue.othersUnderWay(key));
                if (result.isPresent() && result.get().succeeded()) {
                    retryWaiting(file, result.get().outcome() == Outcome.APPLIED);
                }
            } catch (DeferredException e) {
                queue.defer(key, this);
            }
        }
    }

    /**
     * Jar files that waited in the queue at the same moment (the whole of {@code hot/} at start): the new plugins among
     * them installed as one batch, the rest one by one.
     */
    private void filesTogether(List<TransactionQueue.Groupable> changes) {
        // only FileChange is ever submitted as groupable
        List<FileChange> files = changes.stream().map(FileChange.class::cast).toList();
        List<BatchInstall.Request> left = batch.run(files.stream().map(f -> new BatchInstall.Request(f.file, f.trigger)).toList());
        files.stream().filter(f -> left.contains(new BatchInstall.Request(f.file, f.trigger))).forEach(FileChange::run);
        if (left.size() < files.size()) {
            retryWaiting(null, true);
        }
    }

    /** Something new is installed: files that waited for a missing requirement may resolve now. */
    private void retryWaiting(Path except, boolean applied) {
        refusals.waitingFiles().stream().filter(f -> !f.equals(except)).forEach(f -> fileChanged(f, Trigger.RETRY));
        if (applied) {
            // a refused source folder may have failed for want of a package the new code exports: built again (a build
            // that fails the same way again is not recorded again)
            refusals.refusedFolders().stream().filter(f -> !f.equals(except))
                    .forEach(f -> queue.submit(f.toString(), () -> deployFolder(f, Trigger.RETRY, true)));
        }
    }

    void fileRemoved(Path file, Trigger trigger) {
        queue.submit(file.toString(), () -> uninstalls.fileRemoved(file, trigger));
    }

    /** A source folder in {@code hot/} appeared or its content changed: built and applied if its sources changed. */
    public void sourceFolderChanged(Path folder, Trigger trigger) {
        queue.submit(folder.toString(), () -> deployFolder(folder, trigger, false));
    }

    /**
     * A source folder found as Kiln starts: built even if its sources were refused before, since what they compile
     * against may have changed while Kiln was stopped (a build refused the same way again is not recorded again).
     */
    public void sourceFolderAtStart(Path folder) {
        queue.submit(folder.toString(), () -> deployFolder(folder, Trigger.STARTUP, true));
    }

    private void deployFolder(Path folder, Trigger trigger, boolean retry) {
        Optional<ChangeResult> result = sources.deployFolder(folder, trigger, retry);
        if (result.isPresent() && result.get().succeeded()) {
            retryWaiting(folder, result.get().outcome() == Outcome.APPLIED);
        }
    }

    /** A source folder went from {@code hot/}: its plugin is uninstalled. */
    public void sourceFolderRemoved(Path folder, Trigger trigger) {
        queue.submit(folder.toString(), () -> {
            sources.forget(folder.getFileName().toString());
            uninstalls.fileRemoved(folder, trigger);
        });
    }

    /**
     * Takes the plugins a section configures, and their dependents, as they are before the section is delivered, so
     * that the change can be checked on them once it is.
     *
     * @param pid              the section's PID, or its factory PID
     * @param configurationPid the PID ConfigAdmin gives it
     */
    public Reconfiguration beforeReconfiguring(String pid, String configurationPid) {
        return new Reconfiguration(kiln, pid, configurationPid);
    }

    /** Waits until the start-up reconciliation and every queued file transaction are done. */
    boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        return queue.awaitIdle(timeoutMillis);
    }

    // --- PluginService

    @Override
    public List<PluginInfo> list() {
        return infos.all();
    }

    @Override
    public Optional<PluginInfo> plugin(String name) {
        return infos.one(name);
    }

    @Override
    public Optional<String> runningSha256(String name) {
        return kiln.records.plugin(name).map(PluginRecord::sha256);
    }

    @Override
    public ChangeResult install(Path jar, String sha256, Trigger trigger) {
        ChangeResult result = jars.install(jar, sha256, trigger);
        if (result.succeeded()) {
            retryWaiting(null, result.outcome() == Outcome.APPLIED);
        }
        return result;
    }

    @Override
    public ChangeResult uninstall(String name, Trigger trigger) {
        if (kiln.records.plugin(name).isEmpty()) {
            throw new io.kiln.runtime.api.UnknownPluginException(name, kiln.pluginNames());
        }
        return uninstalls.uninstall(name, trigger);
    }

    @Override
    public ReloadSummary reload(String name, boolean dependents, boolean dependencies, Trigger trigger) {
        return operations.reload(name, dependents, dependencies, trigger);
    }

    @Override
    public ReloadSummary reloadAll(Trigger trigger) {
        return operations.reloadAll(trigger);
    }

    @Override
    public ChangeResult enable(String name, Trigger trigger) {
        return operations.enable(name, trigger);
    }

    @Override
    public ChangeResult disable(String name, Trigger trigger) {
        return operations.disable(name, trigger);
    }

    @Override
    public ChangeResult rollback(String name, String version, Trigger trigger) {
        return operations.rollback(name, version, trigger);
    }

    // --- BuildService

    @Override
    public BuildResult build(ProjectBuild project, Trigger trigger) {
        return sources.buildProject(project, (jar, sha256) -> install(jar, sha256, trigger), trigger);
    }

    @Override
    public List<HistoryEntry> history(int limit) {
        return kiln.history.latest(limit);
    }

    @Override
    public RuntimeStatus status() {
        return infos.status(queue.waiting());
    }

    @Override
    public List<ExportedPackage> platformExports() {
        return new PlatformExports(kiln).list();
    }

    @Override
    public PluginGraph dependencyGraph() {
        return graphs.now();
    }
}
