package io.kiln.http.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.HttpServiceRuntimeConstants;
import org.osgi.service.servlet.runtime.dto.ServletContextDTO;
import org.osgi.service.servlet.runtime.dto.ServletDTO;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.files.AtomicFiles;

/**
 * Writes where the API listens ({@code data/api-url}) for the {@code kiln} command-line client, and says so in the log
 * — once the HTTP runtime lists every servlet this bundle registered, so that a client that finds the file finds the
 * whole API answering, not a 404 from a servlet still on its way.
 * <p>
 * The address is the first line; then {@code pid=} and {@code home=}, this process and the real path of the
 * distribution it runs from, so that the client of a copy of the folder (made while this one ran) can tell the file
 * is not its own Kiln's.
 */
@Component(immediate = true)
public final class EndpointFile {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointFile.class);

    private final Path file;
    private final BundleContext context;
    private volatile HttpServiceRuntime runtime;
    private volatile boolean written;

    private final ServiceComponentRuntime scr;

    @Activate
    public EndpointFile(BundleContext context, @Reference ApiSettings settings, @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
        this.file = settings.endpointFile();
    }

    /**
     * The address is gone with the API: a client must not find a stale one after a stop. Only this process's own
     * file goes: one another Kiln wrote since is not this one's to delete.
     */
    @Deactivate
    void deactivate() throws IOException {
        if (Files.exists(file) && Files.readAllLines(file).contains("pid=" + ProcessHandle.current().pid())) {
            Files.deleteIfExists(file);
        }
    }

    @Reference(service = HttpServiceRuntime.class, updated = "updated")
    void bind(HttpServiceRuntime service, Map<String, Object> properties) throws IOException {
        this.runtime = service;
        writeWhenComplete(properties);
    }

    void updated(HttpServiceRuntime service, Map<String, Object> properties) throws IOException {
        this.runtime = service;
        writeWhenComplete(properties);
    }

    /** The runtime's properties change each time a servlet comes or goes: write once all of ours are live. */
    private synchronized void writeWhenComplete(Map<String, Object> properties) throws IOException {
        if (written || !allServletsLive()) {
            return;
        }
        write(properties);
        written = true;
    }

    /** Every servlet this bundle declares (not only those registered so far) is live on the whiteboard. */
    private boolean allServletsLive() {
        Set<String> expected = new HashSet<>();
        for (ComponentDescriptionDTO component : scr.getComponentDescriptionDTOs(context.getBundle())) {
            if (!List.of(component.serviceInterfaces).contains("jakarta.servlet.Servlet")) {
                continue;
            }
            Object patterns = component.properties.get(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN);
            if (patterns instanceof String one) {
                expected.add(one);
            } else if (patterns instanceof String[] many) {
                expected.addAll(List.of(many));
            }
        }
        Set<String> live = new HashSet<>();
        org.osgi.service.servlet.runtime.dto.RuntimeDTO dto;
        try {
            dto = runtime.getRuntimeDTO();
        } catch (IllegalStateException settingUp) {
            // Felix HTTP answers so while it is still registering itself; the next update asks again
            return false;
        }
        for (ServletContextDTO servletContext : dto.servletContextDTOs) {
            for (ServletDTO servlet : servletContext.servletDTOs) {
                live.addAll(List.of(servlet.patterns));
            }
        }
        return !expected.isEmpty() && live.containsAll(expected);
    }

    private void write(Map<String, Object> runtime) throws IOException {
        Object endpoints = runtime.get(HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT);
        String endpoint = endpoints instanceof String[] list && list.length > 0 ? list[0]
                : endpoints instanceof java.util.Collection<?> c && !c.isEmpty() ? String.valueOf(c.iterator().next()) : String.valueOf(endpoints);
        AtomicFiles.write(file, (endpoint + "\n" + Owner.lines(context)).getBytes(StandardCharsets.UTF_8));
        LOG.info("Kiln admin API and web page at {}", endpoint);
    }
}
