package io.kiln.http.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kiln.files.AtomicFiles;

/** The bearer token: made once, random, in a file only its owner can read. */
final class ApiToken {

    private static final Logger LOG = LoggerFactory.getLogger(ApiToken.class);

    private final byte[] value;

    private ApiToken(String value) {
        this.value = value.getBytes(StandardCharsets.UTF_8);
    }

    static ApiToken loadOrCreate(Path file) throws IOException {
        return loadOrCreate(file, "API token");
    }

    /** @param what what the token is for, as the line printed when it is made says ({@code metrics token}) */
    static ApiToken loadOrCreate(Path file, String what) throws IOException {
        if (!Files.exists(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            byte[] token = (Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n").getBytes(StandardCharsets.UTF_8);
            // atomic and durable: a crash while it is made must not leave an empty token file that fails every later
            // start; no other start races this one (one Kiln per folder, the launcher's lock on data/)
            try {
                AtomicFiles.write(file, token, AtomicFiles.OWNER_ONLY);
                // printed once, on the run that made it
                System.out.println("Kiln " + what + " written to " + file + " (readable by its owner only)");
            } catch (UnsupportedOperationException notPosix) {
                AtomicFiles.write(file, token);
                LOG.warn("{}: this file system has no POSIX permissions; restrict who can read the token yourself", file);
            }
        }
        String token = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (token.length() < 16) {
            throw new IOException(file + " holds no usable token (fewer than 16 characters); delete it and restart to make a new one");
        }
        return new ApiToken(token);
    }

    /** Compares in constant time, so the time taken tells nothing about the token. */
    boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(value, candidate.getBytes(StandardCharsets.UTF_8));
    }
}
