package io.kiln.bench.probe;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;

/**
 * The probe of a skill: listens for {@code io.kiln.api.skill.Skill} services of the skill named by the
 * {@value #SKILL_HEADER} header and records {@code skill-<skill.version>.seen} when one is registered. A service
 * listener is called synchronously inside the registration, so the instant is the one the new version is
 * published (a DS dynamic reference would be bound from the same event). Only the service's properties are
 * read, never the Skill object, so the probe compiles without plugin-api; it imports the package so that it
 * sees the services of the one Skill type that Kiln registers.
 */
public final class SkillProbe implements BundleActivator, ServiceListener {

    /** Manifest header: the name of the skill to listen to. */
    static final String SKILL_HEADER = "Kiln-Bench-Skill";

    private volatile Bundle bundle;

    @Override
    public void start(BundleContext context) throws InvalidSyntaxException {
        bundle = context.getBundle();
        String filter = "(&(objectClass=io.kiln.api.skill.Skill)(skill.name=" + bundle.getHeaders().get(SKILL_HEADER) + "))";
        context.addServiceListener(this, filter);
        Stamp.write(bundle, Stamp.of(bundle, "start"));
    }

    @Override
    public void stop(BundleContext context) {
        context.removeServiceListener(this);
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        if (event.getType() == ServiceEvent.REGISTERED) {
            Stamp.write(bundle, "skill-" + event.getServiceReference().getProperty("skill.version") + ".seen");
        }
    }
}
