package io.kiln.runtime.internal.skill;

import io.kiln.runtime.api.Trigger;
import java.io.File;
import java.nio.file.Path;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Takes the {@code skills/<name>/SKILL.md} files FileInstall finds and hands them to {@link Skills}. */
@Component(service = ArtifactInstaller.class, property = { "kiln.role=skill-installer", "service.ranking:Integer=100" })
public final class SkillInstaller implements ArtifactInstaller {

    private static final Trigger TRIGGER = Trigger.FILE;

    private final Skills skills;
    private final Path folder;

    @Activate
    public SkillInstaller(@Reference Skills skills) {
        this.skills = skills;
        this.folder = skills.folder().toAbsolutePath().normalize();
    }

    @Override
    public boolean canHandle(File artifact) {
        Path path = artifact.toPath().toAbsolutePath().normalize();
        return path.getFileName().toString().equals(Skills.FILE_NAME) && path.getParent() != null
                && folder.equals(path.getParent().getParent());
    }

    @Override
    public void install(File artifact) {
        skills.publish(artifact.toPath(), TRIGGER, false);
    }

    @Override
    public void update(File artifact) {
        skills.publish(artifact.toPath(), TRIGGER, false);
    }

    @Override
    public void uninstall(File artifact) {
        skills.withdraw(artifact.toPath(), TRIGGER);
    }
}
