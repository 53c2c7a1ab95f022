package io.parley.testing;

import io.parley.security.SecretBox;
import io.parley.security.SecurityProperties;
import io.parley.security.ServerKeys;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/** A {@link SecretBox} under fresh random keys, for tests of anything that stores secrets. */
public final class TestSecrets {

    private TestSecrets() {}

    public static SecretBox box() {
        var random = new SecureRandom();
        byte[] signing = new byte[32];
        byte[] encryption = new byte[32];
        random.nextBytes(signing);
        random.nextBytes(encryption);
        var settings = new SecurityProperties(
                Base64.getEncoder().encodeToString(signing),
                Base64.getEncoder().encodeToString(encryption),
                java.util.List.of(),
                null,
                null);
        return new SecretBox(ServerKeys.load(settings, Path.of("unused"), false));
    }
}
