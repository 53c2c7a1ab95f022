package io.parley.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerKeysTest {

    private static final SecurityProperties UNSET =
            new SecurityProperties(null, null, java.util.List.of(), Duration.ofHours(8), Duration.ofDays(180));

    @TempDir
    Path data;

    @Test
    void generatesKeysOnceInEmbeddedModeAndKeepsThemPrivate() throws Exception {
        ServerKeys first = ServerKeys.load(UNSET, data, true);
        ServerKeys second = ServerKeys.load(UNSET, data, true);

        assertThat(second.signingKey()).isEqualTo(first.signingKey());
        assertThat(second.encryptionKey()).isEqualTo(first.encryptionKey());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("keys/signing.key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void usesConfiguredKeys() {
        String key = Base64.getEncoder().encodeToString(TokensTest.random(32));

        ServerKeys keys = ServerKeys.load(
                new SecurityProperties(key, key, java.util.List.of(), Duration.ofHours(1), Duration.ofDays(1)),
                data,
                false);

        assertThat(keys.signingKey()).isEqualTo(Base64.getDecoder().decode(key));
        assertThat(data.resolve("keys")).doesNotExist();
    }

    @Test
    void refusesToStartWithoutKeysOutsideEmbeddedMode() {
        assertThatThrownBy(() -> ServerKeys.load(UNSET, data, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("parley.security.signing-key is not set");
    }

    @Test
    void refusesAKeyThatIsTooShortOrNotBase64() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[8]);

        assertThatThrownBy(() -> ServerKeys.load(
                        new SecurityProperties(shortKey, shortKey, java.util.List.of(), null, null), data, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerKeys.load(
                        new SecurityProperties("%%%", "%%%", java.util.List.of(), null, null), data, false))
                .hasMessageContaining("must be base64");
    }
}
