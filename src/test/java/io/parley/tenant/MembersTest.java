package io.parley.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;

class MembersTest {

    private static final OrganizationId ORG = new OrganizationId("org-1");
    private static final MemberId ADA = new MemberId("ada");

    private final List<Instant> touches = new ArrayList<>();
    private final List<MemberRole> roleReads = new ArrayList<>();
    private MemberRole storedRole = MemberRole.ADMIN;
    private long storedGeneration;
    private final java.util.Set<String> revoked = new java.util.HashSet<>();
    private final MutableClock clock = new MutableClock();
    private final Members members = new Members(store(), NoOpPasswordEncoder.getInstance(), clock);

    @Test
    void lastSeenIsWrittenAtMostOnceAMinutePerMember() {
        for (int i = 0; i < 50; i++) {
            members.seen(ADA);
        }
        clock.advance(Duration.ofSeconds(59));
        members.seen(ADA);
        assertThat(touches).hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        members.seen(ADA);
        members.seen(new MemberId("grace"));

        assertThat(touches).hasSize(3);
        assertThat(touches.get(1)).isEqualTo(clock.instant());
    }

    @Test
    void aRoleChangeOrRemovalOnThisNodeCountsAtOnceDespiteTheCache() {
        assertThat(members.currentRole(ORG, ADA)).contains(MemberRole.ADMIN);
        assertThat(members.currentRole(ORG, ADA)).contains(MemberRole.ADMIN);
        assertThat(roleReads).as("cached").hasSize(1);

        members.changeRole(ORG, ADA, MemberRole.VIEWER);
        assertThat(members.currentRole(ORG, ADA)).contains(MemberRole.VIEWER);

        members.remove(ORG, ADA);
        assertThat(members.currentRole(ORG, ADA)).isEmpty();
    }

    @Test
    void signingOutOnThisNodeCountsAtOnceDespiteTheCache() {
        assertThat(members.standing(ORG, ADA).orElseThrow().accepts(0, "token-1"))
                .isTrue();
        assertThat(members.standing(ORG, ADA).orElseThrow().accepts(0, "token-2"))
                .isTrue();
        assertThat(roleReads).as("cached").hasSize(1);

        members.revokeToken(ORG, ADA, "token-1", clock.instant().plusSeconds(60));
        assertThat(members.standing(ORG, ADA).orElseThrow().accepts(0, "token-1"))
                .isFalse();
        assertThat(members.standing(ORG, ADA).orElseThrow().accepts(0, "token-2"))
                .isTrue();

        members.revokeAllTokens(ORG, ADA);
        assertThat(members.standing(ORG, ADA).orElseThrow().accepts(0, "token-2"))
                .isFalse();
        assertThat(members.standing(ORG, ADA).orElseThrow().accepts(1, "token-3"))
                .isTrue();

        members.replacePassword(ADA, "a long enough new password");
        assertThat(members.standing(ORG, ADA).orElseThrow().accepts(1, "token-3"))
                .isFalse();
        assertThat(members.standing(ORG, ADA).orElseThrow().accepts(0, null))
                .as("a token without an id")
                .isFalse();
    }

    /** A store holding one member, Ada, whose role can change. */
    private TenantStore store() {
        return (TenantStore) Proxy.newProxyInstance(
                TenantStore.class.getClassLoader(), new Class<?>[] {TenantStore.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "touch" -> touches.add((Instant) args[1]);
                        case "member" -> {
                            roleReads.add(storedRole);
                            return storedRole == null
                                    ? Optional.empty()
                                    : Optional.of(new Member(
                                            ADA,
                                            ORG,
                                            "ada@example.com",
                                            "Ada",
                                            "hash",
                                            storedRole,
                                            Instant.EPOCH,
                                            null,
                                            storedGeneration));
                        }
                        case "changeRole" -> {
                            storedRole = (MemberRole) args[2];
                            return Optional.empty();
                        }
                        case "revokedTokens" -> {
                            return java.util.Set.copyOf(revoked);
                        }
                        case "revokeToken" -> revoked.add((String) args[2]);
                        case "revokeAllTokens" -> {
                            storedGeneration++;
                            return true;
                        }
                        case "replacePasswordHash" -> {
                            storedGeneration++;
                            return true;
                        }
                        case "removeMember" -> {
                            storedRole = null;
                            return true;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-01T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
