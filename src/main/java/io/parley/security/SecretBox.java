package io.parley.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets for storage with AES-256-GCM under the server's encryption key. Each value gets a fresh random
 * nonce; the stored form is {@code v1:} followed by base64 of nonce and ciphertext. Thread-safe.
 */
public final class SecretBox {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final List<SecretKeySpec> previous;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(ServerKeys keys) {
        this.key = new SecretKeySpec(keys.encryptionKey(), "AES");
        this.previous = keys.previousEncryptionKeys().stream()
                .map(k -> new SecretKeySpec(k, "AES"))
                .toList();
    }

    public String seal(String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                                    .put(nonce)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /**
     * Opens a secret sealed with this server's key, or, during a rotation, with one of its previous keys.
     *
     * @throws IllegalStateException when no key opens it (wrong key or tampered)
     */
    public String open(String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new IllegalStateException("not a sealed secret");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the secret cannot be opened with this server's encryption key");
        }
        String opened = openWith(key, bytes);
        for (int i = 0; opened == null && i < previous.size(); i++) {
            opened = openWith(previous.get(i), bytes);
        }
        if (opened == null) {
            throw new IllegalStateException("the secret cannot be opened with this server's encryption key");
        }
        return opened;
    }

    /** Whether the secret is sealed with the current key (a rotation has nothing left to do for it). */
    public boolean current(String sealed) {
        try {
            return sealed != null
                    && sealed.startsWith(PREFIX)
                    && openWith(key, Base64.getDecoder().decode(sealed.substring(PREFIX.length()))) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The secret sealed again with the current key. */
    public String reseal(String sealed) {
        return current(sealed) ? sealed : seal(open(sealed));
    }

    private static String openWith(SecretKeySpec key, byte[] bytes) {
        if (bytes.length <= NONCE_BYTES) {
            return null;
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }
}
