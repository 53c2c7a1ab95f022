package io.parley.tenant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The people of each organization: who they are, their roles, their passwords and when they were last active.
 * Thread-safe.
 *
 * <p>Two things are kept in memory per node. A member's {@link Standing} (current role, token generation, revoked
 * tokens) is cached for {@link #ROLE_CACHE} so that checking it on every request costs no query; a change on this node
 * (a new role, removal, signing out, a new password) takes effect here at once and on other nodes within that time. And {@code lastSeenAt} is written at most once per {@link #SEEN_EVERY} per member and node, so a
 * busy console does not write on every request.
 */
public class Members {

    public static final Duration ROLE_CACHE = Duration.ofSeconds(5);
    public static final Duration SEEN_EVERY = Duration.ofMinutes(1);

    private record Key(OrganizationId organization, MemberId member) {}

    private final TenantStore store;
    private final PasswordEncoder passwords;
    private final Clock clock;
    /**
     * What decides whether a member's access token still works and what it may do.
     *
     * @param role the member's role now
     * @param tokenGeneration tokens of an earlier generation were revoked (signed out everywhere, new password)
     * @param revokedTokenIds the ids ({@code jti}) of single tokens signed out before they expire
     */
    public record Standing(MemberRole role, long tokenGeneration, Set<String> revokedTokenIds) {
        public Standing {
            Objects.requireNonNull(role, "role");
            revokedTokenIds = Set.copyOf(revokedTokenIds);
        }

        /** Whether a token of this generation and id (null when it has none) is still good. */
        public boolean accepts(long generation, String tokenId) {
            return generation >= tokenGeneration && tokenId != null && !revokedTokenIds.contains(tokenId);
        }
    }

    private final LoadingCache<Key, Optional<Standing>> roles;
    private final Cache<MemberId, Instant> lastWritten;

    public Members(TenantStore store, PasswordEncoder passwords, Clock clock) {
        this.store = store;
        this.passwords = passwords;
        this.clock = clock;
        this.roles = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(ROLE_CACHE)
                .build(key -> store.member(key.organization(), key.member())
                        .map(member -> new Standing(
                                member.role(),
                                member.tokenGeneration(),
                                store.revokedTokens(key.organization(), key.member(), clock.instant()))));
        this.lastWritten = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(SEEN_EVERY)
                .build();
    }

    public List<Member> list(OrganizationId organization) {
        return store.members(organization);
    }

    /** The member, only if it belongs to this organization. */
    public Optional<Member> find(OrganizationId organization, MemberId id) {
        return store.member(organization, id);
    }

    /** @param email as typed; normalized here */
    public Optional<Member> byEmail(String email) {
        return store.memberByEmail(Organizations.normalizeEmail(email));
    }

    /**
     * The member's role now (not the one signed into an older access token), or empty when the member no longer
     * belongs to the organization. Up to {@link #ROLE_CACHE} old on other nodes.
     */
    public Optional<MemberRole> currentRole(OrganizationId organization, MemberId id) {
        return standing(organization, id).map(Standing::role);
    }

    /**
     * The member's role and which of their access tokens still work, or empty when the member no longer belongs to
     * the organization. Up to {@link #ROLE_CACHE} old on other nodes; costs no query when cached.
     */
    public Optional<Standing> standing(OrganizationId organization, MemberId id) {
        return roles.get(new Key(organization, id));
    }

    /**
     * Signs one access token out: it stops working here at once and on other nodes within {@link #ROLE_CACHE}.
     *
     * @param tokenId the token's {@code jti}
     * @param expiresAt the token's expiry, after which nothing needs to remember it
     */
    public void revokeToken(OrganizationId organization, MemberId id, String tokenId, Instant expiresAt) {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        try {
            store.revokeToken(organization, id, tokenId, expiresAt, clock.instant());
        } finally {
            roles.invalidate(new Key(organization, id));
        }
    }

    /**
     * Signs out the member a verified access token names: that token only, or with {@code everywhere} every token of
     * theirs. Either way the token stops working at once on this node.
     */
    public void signOut(Jwt token, boolean everywhere) {
        SignedInMember member = SignedInMember.fromToken(token);
        if (everywhere) {
            revokeAllTokens(member.organization(), member.id());
        } else {
            revokeToken(member.organization(), member.id(), token.getId(), token.getExpiresAt());
        }
    }

    /**
     * Signs the member out everywhere: every access token issued so far stops working here at once and on other
     * nodes within {@link #ROLE_CACHE}.
     *
     * @return false when the organization has no such member
     */
    public boolean revokeAllTokens(OrganizationId organization, MemberId id) {
        try {
            return store.revokeAllTokens(organization, id);
        } finally {
            roles.invalidate(new Key(organization, id));
        }
    }

    /**
     * Adds a person to an organization with a password of their own.
     *
     * @throws IllegalArgumentException when the name is not valid (the message is safe to show)
     * @throws WeakPasswordException when the password breaks the policy
     * @throws EmailTakenException when the email already has an account
     */
    public Member join(OrganizationId organization, String email, String name, String password, MemberRole role) {
        String validName = Member.validName(name);
        Organizations.checkPassword(password);
        Member member = new Member(
                MemberId.generate(),
                organization,
                Organizations.normalizeEmail(email),
                validName,
                passwords.encode(password),
                role,
                clock.instant(),
                null);
        store.addMember(member);
        roles.invalidate(new Key(organization, member.id()));
        return member;
    }

    /**
     * @return the member with the new role, or empty when the organization has no such member
     * @throws LastOwnerException when that would leave the organization without an owner
     */
    public Optional<Member> changeRole(OrganizationId organization, MemberId id, MemberRole role) {
        try {
            return store.changeRole(organization, id, role);
        } finally {
            roles.invalidate(new Key(organization, id));
        }
    }

    /**
     * @return false when the organization has no such member
     * @throws LastOwnerException when that would leave the organization without an owner
     */
    public boolean remove(OrganizationId organization, MemberId id) {
        try {
            return store.removeMember(organization, id);
        } finally {
            roles.invalidate(new Key(organization, id));
        }
    }

    /**
     * Gives a member a new password; every access token issued before stops working (as {@link #revokeAllTokens}).
     *
     * @return false when there is no such member
     * @throws WeakPasswordException when the password breaks the policy
     */
    public boolean replacePassword(MemberId id, String password) {
        Organizations.checkPassword(password);
        try {
            return store.replacePasswordHash(id, passwords.encode(password));
        } finally {
            // Rare, and the member's organization is not at hand: drop their entries by scanning the keys.
            roles.asMap().keySet().removeIf(key -> key.member().equals(id));
        }
    }

    /** Checks a password against the policy without storing anything. */
    public void checkPassword(String password) {
        Organizations.checkPassword(password);
    }

    /** Notes that the member is active; writes at most once per {@link #SEEN_EVERY} per member on this node. */
    public void seen(MemberId id) {
        Instant now = clock.instant();
        boolean[] due = {false};
        lastWritten.asMap().compute(id, (key, last) -> {
            if (last != null && last.plus(SEEN_EVERY).isAfter(now)) {
                return last;
            }
            due[0] = true;
            return now;
        });
        if (due[0]) {
            store.touch(id, now);
        }
    }
}
