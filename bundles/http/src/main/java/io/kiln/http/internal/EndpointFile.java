package io.kiln.http.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.HttpServiceRuntimeConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes where the API listens ({@code data/api-url}) for the {@code kiln} command-line client, and says so in the log.
 */
@Component(immediate = true)
public final class EndpointFile {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointFile.class);

    private final Path file;

    @Activate
    public EndpointFile(@Reference ApiSettings settings) {
        this.file = settings.endpointFile();
    }

    /** The address is gone with the API: a client must not find a stale one after a stop. */
    @Deactivate
    void deactivate() throws IOException {
        Files.deleteIfExists(file);
    }

    @Reference(service = HttpServiceRuntime.class, updated = "updated")
    void bind(Map<String, Object> runtime) throws IOException {
        write(runtime);
    }

    void updated(Map<String, Object> runtime) throws IOException {
        write(runtime);
    }

    private void write(Map<String, Object> runtime) throws IOException {
        Object endpoints = runtime.get(HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT);
        String endpoint = endpoints instanceof String[] list && list.length > 0 ? list[0]
                : endpoints instanceof java.util.Collection<?> c && !c.isEmpty() ? String.valueOf(c.iterator().next()) : String.valueOf(endpoints);
        Path temp = file.resolveSibling(".api-url.tmp");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(temp, endpoint + "\n");
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        LOG.info("Kiln admin API and web page at {}", endpoint);
    }
}
