package io.parley.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Server-wide security settings.
 *
 * @param signingKey base64 of at least 32 random bytes that sign access and visitor tokens; generated once under the
 *     data directory when unset in embedded mode, required otherwise
 * @param encryptionKey base64 of 32 random bytes that encrypt secrets at rest (AES-256-GCM); same rule
 * @param previousEncryptionKeys keys secrets may still be sealed with, during a key rotation: read, never written
 * @param accessTokenTtl how long a member's access token is valid
 * @param visitorTokenTtl how long a customer's visitor token is valid (their history follows it on one device)
 */
@ConfigurationProperties("parley.security")
public record SecurityProperties(
        String signingKey,
        String encryptionKey,
        @DefaultValue List<String> previousEncryptionKeys,
        @DefaultValue("8h") Duration accessTokenTtl,
        @DefaultValue("180d") Duration visitorTokenTtl) {

    @Override
    public String toString() {
        return "SecurityProperties[accessTokenTtl=" + accessTokenTtl + ", visitorTokenTtl=" + visitorTokenTtl + "]";
    }
}
