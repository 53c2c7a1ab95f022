package io.parley.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class PasswordHashingTest {

    private static final PasswordHashingProperties OWASP =
            new PasswordHashingProperties(19_456, 2, 1, 2, Duration.ofSeconds(2));

    @Test
    void hashesNewPasswordsWithArgon2idAtOwaspsCost() {
        PasswordHashing hashing = new PasswordHashing(OWASP, new SimpleMeterRegistry());

        String hash = hashing.encode("correct horse battery staple");

        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hashing.matches("correct horse battery staple", hash)).isTrue();
        assertThat(hashing.upgradeEncoding(hash)).isFalse();
    }

    @Test
    void stillVerifiesA16MibHashAndSaysItShouldBeUpgraded() {
        PasswordHashing hashing = new PasswordHashing(OWASP, new SimpleMeterRegistry());
        String old = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("correct horse battery staple");

        assertThat(old).contains("m=16384,t=2,p=1");
        assertThat(hashing.matches("correct horse battery staple", old)).isTrue();
        assertThat(hashing.matches("a wrong password guess", old)).isFalse();
        assertThat(hashing.upgradeEncoding(old)).isTrue();
    }

    @Test
    void refusesWithRetryAfterWhenEverySlotStaysTakenLongerThanTheWait() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PasswordEncoder blocking = new PasswordEncoder() {
            @Override
            public String encode(CharSequence password) {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "hash";
            }

            @Override
            public boolean matches(CharSequence password, String hash) {
                return true;
            }
        };
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        PasswordHashing hashing = new PasswordHashing(blocking, 1, Duration.ofMillis(50), meters);
        Thread holder = Thread.ofVirtual().start(() -> hashing.encode("first"));
        inside.await();

        assertThatThrownBy(() -> hashing.matches("second", "hash"))
                .isInstanceOfSatisfying(PasswordHashingBusyException.class, e -> assertThat(e.retryAfter())
                        .isPositive());
        assertThat(meters.counter("parley.passwords.busy").count()).isEqualTo(1);
        release.countDown();
        holder.join();
        assertThat(hashing.matches("third", "hash")).isTrue();
    }

    @Test
    void refusesParametersBelowOwaspsMinimum() {
        assertThatThrownBy(() -> new PasswordHashingProperties(16_384, 2, 1, 4, Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordHashingProperties(19_456, 1, 1, 4, Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
