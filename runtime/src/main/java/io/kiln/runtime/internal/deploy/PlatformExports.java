package io.kiln.runtime.internal.deploy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWiring;

import io.kiln.runtime.api.ExportedPackage;

/** What the platform offers plugins to import: every package a bundle that is not a plugin exports, as wired now. */
final class PlatformExports {

    private final DeployContext kiln;

    PlatformExports(DeployContext kiln) {
        this.kiln = kiln;
    }

    List<ExportedPackage> list() {
        List<ExportedPackage> exports = new ArrayList<>();
        for (Bundle bundle : kiln.context.getBundles()) {
            BundleWiring wiring = bundle.adapt(BundleWiring.class);
            if (bundle.getLocation().startsWith(DeployContext.LOCATION) || wiring == null) {
                continue; // a plugin's exports are its own; an unresolved bundle exports nothing
            }
            for (BundleCapability capability : wiring.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
                exports.add(new ExportedPackage(String.valueOf(capability.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE)),
                        String.valueOf(capability.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE)),
                        bundle.getSymbolicName()));
            }
        }
        exports.sort(Comparator.comparing(ExportedPackage::name).thenComparing(ExportedPackage::version)
                .thenComparing(ExportedPackage::bundle));
        return List.copyOf(exports);
    }
}
