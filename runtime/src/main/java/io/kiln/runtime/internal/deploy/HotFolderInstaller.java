package io.kiln.runtime.internal.deploy;

import java.io.File;
import java.nio.file.Path;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.kiln.runtime.api.Trigger;

/**
 * Takes every jar in {@code hot/} from FileInstall, so that Kiln, not FileInstall, installs, updates and
 * uninstalls plugins: FileInstall keeps watching the folder and telling when a file is stable; each change
 * becomes a transaction. Returns at once: a slow or stuck plugin never holds up FileInstall.
 */
@Component(service = ArtifactInstaller.class, property = { "kiln.role=plugin-installer", "service.ranking:Integer=100" })
public final class HotFolderInstaller implements ArtifactInstaller {

    private final PluginEngine engine;
    private final Path hot;

    @Activate
    public HotFolderInstaller(@Reference PluginEngine engine) {
        this.engine = engine;
        this.hot = engine.hotFolder().toAbsolutePath().normalize();
    }

    @Override
    public boolean canHandle(File artifact) {
        File parent = artifact.getAbsoluteFile().getParentFile();
        return artifact.getName().endsWith(".jar") && parent != null && parent.toPath().normalize().equals(hot);
    }

    @Override
    public void install(File artifact) {
        engine.fileChanged(artifact.toPath(), Trigger.FILE);
    }

    @Override
    public void update(File artifact) {
        engine.fileChanged(artifact.toPath(), Trigger.FILE);
    }

    @Override
    public void uninstall(File artifact) {
        engine.fileRemoved(artifact.toPath(), Trigger.FILE);
    }
}
