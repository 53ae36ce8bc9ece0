package io.kiln.runtime.internal.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Namespace;

import io.kiln.runtime.api.DependentChange;

/**
 * Asks the framework's own resolver whether a jar's requirements (imports, required bundles, capabilities)
 * can be met by what is installed, before the running plugin is touched: the jar is installed beside it as
 * a candidate that is resolved but never started, then removed.
 * <p>
 * This needs {@code org.osgi.framework.bsnversion=multiple} (set in {@code conf/kiln.properties}) so that a
 * candidate may share its symbolic name and version with the running plugin. Without it the check is skipped
 * for such a jar and a failure to resolve is caught after the update instead, and rolled back.
 */
final class ResolveCheck {

    private static final String LOCATION = "kiln:candidate:";

    private final BundleContext context;
    private final FrameworkWiring wiring;

    ResolveCheck(BundleContext context, FrameworkWiring wiring) {
        this.context = context;
        this.wiring = wiring;
    }

    /**
     * Checks that the candidate resolves and that it would still meet every requirement its plugin's dependents
     * have on the running version (an exported package moved to a new major version, say).
     *
     * @throws RejectedException naming the file and the requirement that cannot be met, or the dependent that
     *                           would be left unresolved and what it needs
     */
    void check(StagedJar jar, DependentPlugins dependents) throws RejectedException {
        Bundle candidate;
        try (InputStream in = Files.newInputStream(jar.staged())) {
            candidate = context.installBundle(LOCATION + jar.sha256(), in);
        } catch (BundleException e) {
            if (e.getType() == BundleException.DUPLICATE_BUNDLE_ERROR) {
                return;
            }
            throw new RejectedException(jar.fileName() + ": the framework refuses the bundle: " + e.getMessage());
        } catch (IOException e) {
            throw new RejectedException(jar.fileName() + ": cannot read the staged copy: " + e);
        }
        try {
            if (!wiring.resolveBundles(List.of(candidate))) {
                throw new UnresolvedException(jar.fileName() + ": cannot be resolved against what is installed: "
                        + missing(candidate), jar.sha256());
            }
            List<DependentChange> unmet = dependents.unmetBy(candidate.adapt(BundleRevision.class), wiring);
            if (!unmet.isEmpty()) {
                throw new RejectedException(jar.fileName() + ": would leave its dependents unresolved: "
                        + String.join("; ", unmet.stream().map(d -> d.plugin() + " " + d.problem()).toList())
                        + ", which this build no longer provides", jar.sha256(), unmet);
            }
        } finally {
            try {
                candidate.uninstall();
                wiring.refreshBundles(List.of(candidate));
            } catch (BundleException | IllegalStateException e) {
                // already gone
            }
        }
    }

    /**
     * Resolves a newly installed bundle: nothing runs in it yet, so there is nothing to protect and no need
     * for a candidate.
     *
     * @throws UnresolvedException naming the file and the requirement that cannot be met
     */
    void resolve(Bundle bundle, StagedJar jar) throws UnresolvedException {
        if (!wiring.resolveBundles(List.of(bundle))) {
            throw new UnresolvedException(jar.fileName() + ": cannot be resolved against what is installed: "
                    + missing(bundle), jar.sha256());
        }
    }

    /** Names the mandatory requirements no installed bundle provides (the usual reason, a missing import). */
    String missing(Bundle candidate) {
        BundleRevision revision = candidate.adapt(BundleRevision.class);
        if (revision == null) {
            return "it is no longer installed";
        }
        List<String> missing = revision.getRequirements(null).stream()
                .filter(r -> !Namespace.RESOLUTION_OPTIONAL.equals(r.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE)))
                // effective:=active (a DS reference's osgi.service, say) is for tools: the resolver never asks for it
                .filter(r -> Namespace.EFFECTIVE_RESOLVE.equals(r.getDirectives().getOrDefault(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE,
                        Namespace.EFFECTIVE_RESOLVE)))
                .filter(r -> wiring.findProviders(r).isEmpty())
                .map(r -> r.getNamespace() + " " + r.getDirectives().getOrDefault(Namespace.REQUIREMENT_FILTER_DIRECTIVE, ""))
                .toList();
        return missing.isEmpty() ? "every requirement has a provider, but the resolver could not wire them together "
                + "(a uses conflict, or it was not resolved again since its providers came back)"
                : "missing " + String.join(", ", missing);
    }

    /**
     * Resolves the given installed bundles where their requirements can now be met.
     *
     * @return those that are resolved now
     */
    List<Bundle> resolveWhatCan(List<Bundle> unresolved) {
        if (!unresolved.isEmpty()) {
            wiring.resolveBundles(unresolved);
        }
        return unresolved.stream().filter(b -> b.getState() == Bundle.RESOLVED).toList();
    }
}
