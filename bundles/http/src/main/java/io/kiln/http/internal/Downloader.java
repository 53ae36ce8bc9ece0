package io.kiln.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Downloads a plugin jar: every URL, and every redirect's target, passes the {@link UrlPolicy} before a connection
 * is made; the size is capped (by Content-Length first, then while reading) and so is the total time.
 * <p>
 * The policy's DNS answer stays in the JVM's address cache (30 s by default), so the connection goes to the
 * address that was checked.
 */
final class Downloader {

    private static final int MAX_REDIRECTS = 3;

    private final UrlPolicy policy;
    private final long maxBytes;
    private final Duration timeout;

    Downloader(UrlPolicy policy, long maxBytes, Duration timeout) {
        this.policy = policy;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
    }

    /** Downloads {@code url} into {@code target}. */
    void download(String url, Path target) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout).build();
        URI uri = policy.check(url);
        for (int hop = 0;; hop++) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw timedOut(url);
            }
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(left).header("Accept", "application/java-archive, */*").GET().build();
            HttpResponse<InputStream> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (java.net.http.HttpTimeoutException e) {
                throw timedOut(url);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                response.body().close();
                if (hop >= MAX_REDIRECTS) {
                    throw failed(url, "more than " + MAX_REDIRECTS + " redirects");
                }
                uri = policy.check(uri.resolve(response.headers().firstValue("Location").get()).toString());
                continue;
            }
            try (InputStream body = response.body()) {
                if (status != 200) {
                    throw failed(url, "the server answered " + status);
                }
                long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (length > maxBytes) {
                    throw new ApiException(413, "payload too large", url + " is " + length + " bytes, more than the limit of " + maxBytes);
                }
                try (OutputStream out = Files.newOutputStream(target)) {
                    Exchange.copy(new DeadlineStream(body, deadline, url), out, maxBytes);
                }
            }
            return;
        }
    }

    private static ApiException timedOut(String url) {
        return new ApiException(504, "download timed out", url + " did not arrive in time");
    }

    private static ApiException failed(String url, String why) {
        return new ApiException(502, "download failed", url + ": " + why);
    }

    /** Fails a read once the deadline has passed, so a slow trickle cannot hold the install forever. */
    private static final class DeadlineStream extends java.io.FilterInputStream {
        private final Instant deadline;
        private final String url;

        DeadlineStream(InputStream in, Instant deadline, String url) {
            super(in);
            this.deadline = deadline;
            this.url = url;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (Instant.now().isAfter(deadline)) {
                throw timedOut(url);
            }
            return super.read(b, off, len);
        }
    }
}
