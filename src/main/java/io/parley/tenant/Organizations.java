package io.parley.tenant;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.parley.security.PasswordHashingBusyException;
import io.parley.security.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The tenant feature's API: signing up, signing in, the versioned business profile and its prompt, and the
 * organization's settings for its customers (site key, allowed origins, customer-signing secret). Thread-safe.
 *
 * <p>Lookups on the chat's hot path (by site key, current prompt, allowed origins) are cached briefly and refreshed
 * at once on this node when the organization changes them.
 */
public class Organizations {

    public static final int MIN_PASSWORD_LENGTH = 12;
    public static final int MAX_PASSWORD_LENGTH = 128;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final Duration CACHE_TTL = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(Organizations.class);

    private final TenantStore store;
    private final PasswordEncoder passwords;
    private final SecretBox secrets;
    private final PromptComposer composer;
    private final LoginThrottle throttle;
    private final LeakyBuckets signUps;
    private final Clock clock;
    private volatile String timingDecoy;
    private final SecureRandom random = new SecureRandom();
    private final LoadingCache<SiteKey, Organization> bySiteKey;
    private final LoadingCache<OrganizationId, ProfileVersion> currentProfile;
    private final LoadingCache<OrganizationId, List<String>> origins;

    public Organizations(
            TenantStore store,
            PasswordEncoder passwords,
            SecretBox secrets,
            PromptComposer composer,
            SignInLimits limits,
            Clock clock) {
        this.store = store;
        this.passwords = passwords;
        this.secrets = secrets;
        this.composer = composer;
        this.throttle = new LoginThrottle(limits, clock);
        this.signUps = new LeakyBuckets(limits.signUpsPerAddress(), limits.signUpDrain(), 100_000, clock);
        this.clock = clock;
        this.bySiteKey = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(CACHE_TTL)
                .build(key -> store.organizationBySiteKey(key).orElse(null)); // misses are not cached
        this.currentProfile = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(CACHE_TTL)
                .build(id -> store.currentProfile(id).orElseThrow());
        this.origins = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(CACHE_TTL)
                .build(store::allowedOrigins);
    }

    /** A new organization with its owner. */
    public record SignedUp(Organization organization, Member owner) {}

    /**
     * Creates an organization, its owner and a first profile from its name.
     *
     * @throws IllegalArgumentException when the email or name is not valid (the message is safe to show)
     * @throws WeakPasswordException when the password breaks the policy
     * @throws EmailTakenException when the email already has an account
     */
    public SignedUp signUp(String email, String password, String organizationName) {
        return signUp(email, password, organizationName, null, SiteKey.generate(), null);
    }

    /**
     * As {@link #signUp(String, String, String)}, with the owner's display name.
     *
     * @param ownerName the name customers see when the owner answers them; from the email when null or blank
     */
    public SignedUp signUp(String email, String password, String organizationName, String ownerName) {
        return signUp(email, password, organizationName, ownerName, SiteKey.generate(), null);
    }

    /**
     * As {@link #signUp(String, String, String, String)}, from a client address: each address may sign up
     * {@link SignInLimits#signUpsPerAddress()} organizations at once and one more per
     * {@link SignInLimits#signUpDrain()}, so that nobody can try many emails to learn which have accounts. Only valid
     * requests count.
     *
     * @throws SignUpThrottledException when this address has signed up too often lately
     */
    public SignedUp signUp(
            String email, String password, String organizationName, String ownerName, String clientAddress) {
        return signUp(email, password, organizationName, ownerName, SiteKey.generate(), clientAddress);
    }

    /** As {@link #signUp(String, String, String)}, with a chosen site key (the demo organization's is well known). */
    public SignedUp signUp(String email, String password, String organizationName, SiteKey siteKey) {
        return signUp(email, password, organizationName, null, siteKey, null);
    }

    private SignedUp signUp(
            String email,
            String password,
            String organizationName,
            String ownerName,
            SiteKey siteKey,
            String clientAddress) {
        String normalized = validEmail(email);
        String displayName = ownerName == null || ownerName.isBlank()
                ? Member.nameFromEmail(normalized)
                : Member.validName(ownerName);
        checkPassword(password);
        String name = organizationName == null ? "" : organizationName.strip();
        if (name.isEmpty() || name.length() > ProfileLimits.NAME) {
            throw new IllegalArgumentException("The organization name must be 1 to 200 characters.");
        }
        if (clientAddress != null) {
            signUps.take(clientAddress).ifPresent(wait -> {
                throw new SignUpThrottledException(wait);
            });
        }
        var now = clock.instant();
        var organization = new Organization(OrganizationId.generate(), name, siteKey, now);
        var owner = new Member(
                MemberId.generate(),
                organization.id(),
                normalized,
                displayName,
                passwords.encode(password),
                MemberRole.OWNER,
                now,
                null);
        BusinessProfile profile = BusinessProfile.startingPoint(name);
        store.createOrganization(
                organization,
                secrets.seal(newCustomerSecret()),
                owner,
                new ProfileVersion(organization.id(), 1, profile, composer.compose(profile), now));
        return new SignedUp(organization, owner);
    }

    /**
     * The member with this email and password. Guessing is slowed down as {@link LoginThrottle} says; a try it refuses
     * costs no hashing. A hash made with a lower cost than today's is replaced on success.
     *
     * @param clientAddress where the attempt comes from
     * @throws LoginThrottledException when this address must wait before trying again
     * @throws InvalidCredentialsException for an unknown email or a wrong password alike
     * @throws PasswordHashingBusyException when the server is too busy hashing to check it now (not counted)
     */
    public Member authenticate(String email, String password, String clientAddress) {
        String normalized = normalizeEmail(email);
        LoginThrottle.Attempt attempt = throttle.begin(normalized, clientAddress);
        Optional<Member> member;
        boolean matches;
        try {
            member = store.memberByEmail(normalized);
            matches = password != null
                    && password.length() <= MAX_PASSWORD_LENGTH
                    && passwords.matches(
                            password, member.map(Member::passwordHash).orElseGet(this::timingDecoy));
        } catch (RuntimeException e) {
            attempt.abandoned();
            throw e;
        }
        if (member.isEmpty() || !matches) {
            attempt.failed();
            throw new InvalidCredentialsException();
        }
        attempt.succeeded();
        upgradeHash(member.get(), password);
        return member.get();
    }

    /** Hashes the password again at today's cost when its hash is cheaper; best effort, never fails a sign-in. */
    private void upgradeHash(Member member, String password) {
        if (!passwords.upgradeEncoding(member.passwordHash())) {
            return;
        }
        try {
            if (store.rehashPassword(
                    member.organization(), member.id(), member.passwordHash(), passwords.encode(password))) {
                log.info("Member {}'s password hash was upgraded to the current cost", member.id());
            }
        } catch (PasswordHashingBusyException e) {
            log.debug("Member {}'s password hash stays as it is for now: hashing is busy", member.id());
        }
    }

    /**
     * A hash to check passwords of unknown emails against, so that they cost as much time as known ones. Made on the
     * first sign-in rather than at start-up, where an Argon2 hash would add a few hundred milliseconds.
     */
    private String timingDecoy() {
        String decoy = timingDecoy;
        if (decoy == null) {
            decoy = passwords.encode("an unknown email still costs one hash");
            timingDecoy = decoy;
        }
        return decoy;
    }

    public Optional<Organization> find(OrganizationId id) {
        return store.organization(id);
    }

    /** The organization a site key belongs to; empty for an unknown or malformed key. */
    public Optional<Organization> bySiteKey(String siteKey) {
        return SiteKey.isWellFormed(siteKey)
                ? Optional.ofNullable(bySiteKey.get(new SiteKey(siteKey)))
                : Optional.empty();
    }

    /** The current profile and the prompt generated from it. */
    public ProfileVersion currentProfile(OrganizationId organization) {
        return currentProfile.get(organization);
    }

    public Optional<ProfileVersion> profileVersion(OrganizationId organization, int version) {
        return store.profileVersion(organization, version);
    }

    /** Saves the profile as a new version and generates its prompt. */
    public ProfileVersion saveProfile(SignedInMember by, BusinessProfile profile) {
        ProfileVersion saved =
                store.saveProfile(by.organization(), profile, composer.compose(profile), by.id(), clock.instant());
        currentProfile.put(by.organization(), saved);
        return saved;
    }

    /**
     * An unsaved draft of the profile as the assistant would use it, for the playground: the prompt it generates,
     * numbered like the current version (nothing is saved, and no reply records it).
     */
    public ProfileVersion draft(OrganizationId organization, BusinessProfile profile) {
        return new ProfileVersion(
                organization,
                currentProfile(organization).version(),
                profile,
                composer.compose(profile),
                clock.instant());
    }

    /** The prompt a profile would generate, without saving it (the console's live preview). */
    public String previewPrompt(BusinessProfile profile) {
        return composer.compose(profile);
    }

    /** The secret the business signs its customers' ids with, in clear; only for the organization's members. */
    public String customerSecret(OrganizationId organization) {
        return secrets.open(store.sealedCustomerSecret(organization));
    }

    /**
     * {@code hex(HMAC-SHA256(customer secret, text))}: what the platform signs its own requests to the business with
     * (the business's HTTP actions), so that the business can check them with the secret it already holds. The secret
     * itself stays here.
     */
    public String signWithCustomerSecret(OrganizationId organization, String text) {
        return HexFormat.of().formatHex(hmac(customerSecret(organization), text));
    }

    /** Replaces the customer-signing secret; signatures made with the old one stop being accepted. */
    public String rotateCustomerSecret(OrganizationId organization) {
        String fresh = newCustomerSecret();
        store.replaceCustomerSecret(organization, secrets.seal(fresh));
        return fresh;
    }

    /** Whether {@code signature} is {@code hex(HMAC-SHA256(secret, customerId))} under this organization's secret. */
    public boolean isSignedCustomer(OrganizationId organization, String customerId, String signature) {
        if (customerId == null || customerId.isBlank() || signature == null || signature.length() != 64) {
            return false;
        }
        byte[] expected = hmac(customerSecret(organization), customerId);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, given);
    }

    public List<String> allowedOrigins(OrganizationId organization) {
        return origins.get(organization);
    }

    /**
     * Replaces the origins allowed to open the chat from a browser.
     *
     * @throws IllegalArgumentException naming the first entry that is not an http(s) origin
     */
    public List<String> replaceAllowedOrigins(OrganizationId organization, List<String> requested) {
        if (requested.size() > 50) {
            throw new IllegalArgumentException("At most 50 origins can be allowed.");
        }
        List<String> canonical = requested.stream()
                .map(origin -> AllowedOrigins.canonical(origin)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "Not a web origin (like https://shop.example.com): " + abbreviate(origin))))
                .distinct()
                .sorted()
                .toList();
        store.replaceAllowedOrigins(organization, canonical);
        origins.put(organization, canonical);
        return canonical;
    }

    /** Whether a browser page at {@code origin} may open this organization's chat. */
    public boolean allowsOrigin(OrganizationId organization, String origin) {
        return AllowedOrigins.canonical(origin)
                .map(allowedOrigins(organization)::contains)
                .orElse(false);
    }

    static String normalizeEmail(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The email normalized (trimmed, lower case).
     *
     * @throws IllegalArgumentException when it is not an email address (the message is safe to show)
     */
    public static String validEmail(String email) {
        String normalized = normalizeEmail(email);
        if (!EMAIL.matcher(normalized).matches() || normalized.length() > 320) {
            throw new IllegalArgumentException("Enter a valid email address.");
        }
        return normalized;
    }

    static void checkPassword(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            throw new WeakPasswordException("The password must have at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw new WeakPasswordException("The password must have at most " + MAX_PASSWORD_LENGTH + " characters.");
        }
        if (password.chars().distinct().count() < 4) {
            throw new WeakPasswordException("The password must not repeat just a few characters.");
        }
    }

    private String newCustomerSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "(empty)" : text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
