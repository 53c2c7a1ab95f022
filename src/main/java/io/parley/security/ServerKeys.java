package io.parley.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's two root keys: one signs tokens, one encrypts secrets at rest. Taken from configuration; in embedded
 * mode, when not configured, generated once and kept under the data directory so tokens and secrets survive restarts.
 * Never logged.
 */
public final class ServerKeys {

    private static final Logger log = LoggerFactory.getLogger(ServerKeys.class);
    private static final int KEY_BYTES = 32;

    private final byte[] signingKey;
    private final byte[] encryptionKey;
    private final List<byte[]> previousEncryptionKeys;

    ServerKeys(byte[] signingKey, byte[] encryptionKey) {
        this(signingKey, encryptionKey, List.of());
    }

    ServerKeys(byte[] signingKey, byte[] encryptionKey, List<byte[]> previousEncryptionKeys) {
        for (byte[] previous : previousEncryptionKeys) {
            if (previous.length != KEY_BYTES) {
                throw new IllegalArgumentException("a previous encryption key has exactly 32 bytes");
            }
        }
        this.previousEncryptionKeys =
                previousEncryptionKeys.stream().map(byte[]::clone).toList();
        if (signingKey.length < KEY_BYTES || encryptionKey.length != KEY_BYTES) {
            throw new IllegalArgumentException(
                    "the signing key needs at least 32 bytes and the encryption key exactly 32");
        }
        this.signingKey = signingKey.clone();
        this.encryptionKey = encryptionKey.clone();
    }

    /**
     * Loads the keys from the settings, or from (or into) {@code dataDir/keys} when {@code embedded} and unset.
     *
     * @throws IllegalStateException when a key is missing outside embedded mode or is not valid base64 of the right size
     */
    public static ServerKeys load(SecurityProperties settings, Path dataDir, boolean embedded) {
        return new ServerKeys(
                key("parley.security.signing-key", settings.signingKey(), dataDir, "signing.key", embedded),
                key("parley.security.encryption-key", settings.encryptionKey(), dataDir, "encryption.key", embedded),
                settings.previousEncryptionKeys().stream()
                        .filter(k -> !k.isBlank())
                        .map(k -> decode("parley.security.previous-encryption-keys", k.strip()))
                        .toList());
    }

    byte[] signingKey() {
        return signingKey.clone();
    }

    byte[] encryptionKey() {
        return encryptionKey.clone();
    }

    /** Keys secrets may still be sealed with while a rotation is under way, newest first. */
    List<byte[]> previousEncryptionKeys() {
        return previousEncryptionKeys.stream().map(byte[]::clone).toList();
    }

    private static byte[] key(String property, String configured, Path dataDir, String fileName, boolean embedded) {
        if (configured != null && !configured.isBlank()) {
            return decode(property, configured.strip());
        }
        if (!embedded) {
            throw new IllegalStateException(property + " is not set. Outside embedded mode every node must share the"
                    + " same key: set it to the base64 of 32 random bytes (e.g. `openssl rand -base64 32`).");
        }
        return readOrCreate(dataDir.resolve("keys").resolve(fileName), property);
    }

    private static byte[] readOrCreate(Path file, String property) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] fresh = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(fresh);
                try {
                    Files.writeString(
                            Files.createFile(
                                    file,
                                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                            Base64.getEncoder().encodeToString(fresh));
                    log.info("Generated {} under {} (embedded mode); keep this directory private", property, file);
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                } catch (UnsupportedOperationException notPosix) {
                    Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
                }
            }
            return decode(property, Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    private static byte[] decode(String property, String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " must be base64", e);
        }
    }
}
