package io.parley.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-encrypts every secret at rest under the current encryption key. Run it with the new key as
 * {@code parley.security.encryption-key} and the old one in {@code parley.security.previous-encryption-keys} (every
 * node reads both while it runs); once it has run, the old key can be dropped. Safe to run again.
 */
public final class KeyRotation {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

    private final SecretBox box;
    private final List<SealedSecrets> secrets;

    public KeyRotation(SecretBox box, List<SealedSecrets> secrets) {
        this.box = box;
        this.secrets = List.copyOf(secrets);
    }

    /** @return how many secrets of each kind were sealed again */
    public Map<String, Integer> rotate() {
        Map<String, Integer> done = new LinkedHashMap<>();
        for (SealedSecrets kind : secrets) {
            int resealed = kind.reseal(box);
            done.put(kind.what(), resealed);
            log.info("Key rotation: {} {} sealed again with the current key", resealed, kind.what());
        }
        return done;
    }
}
