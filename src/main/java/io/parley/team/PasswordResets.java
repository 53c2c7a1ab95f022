package io.parley.team;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.parley.tenant.Member;
import io.parley.tenant.Members;
import io.parley.tenant.Organizations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgotten passwords: a member asks for a link by email and chooses a new password with it. Thread-safe.
 *
 * <p>A request gets the same answer, in about the same time, whether or not the email has an account: the lookup,
 * the link and the mail happen afterwards on another thread. The link is mailed when a mail server is configured;
 * otherwise, in embedded mode only (one person's own server, where the log is theirs), it is written to the log at
 * INFO, since there is no other way to reach them. Anywhere else an unmailed link is never logged: it opens an account.
 *
 * <p>Requests are limited per email and per client address in memory (per node), so nobody can flood a member's
 * inbox; requests over the limit are dropped silently.
 */
public class PasswordResets {

    static final int PER_EMAIL = 3;
    static final int PER_ADDRESS = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);

    private final Members members;
    private final TeamStore store;
    private final TeamMail mail;
    private final TeamProperties settings;
    private final boolean embedded;
    private final Executor background;
    private final Clock clock;
    private final Cache<String, AtomicInteger> requests =
            Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(WINDOW).build();

    PasswordResets(
            Members members,
            TeamStore store,
            TeamMail mail,
            TeamProperties settings,
            boolean embedded,
            Executor background,
            Clock clock) {
        this.members = members;
        this.store = store;
        this.mail = mail;
        this.settings = settings;
        this.embedded = embedded;
        this.background = background;
        this.clock = clock;
    }

    /**
     * Sends a reset link to the member with this email, if there is one. Returns at once.
     *
     * @param requestBase the address the request came to, used for the link unless a public URL is configured
     * @throws IllegalArgumentException when the email is not an email address (the message is safe to show)
     */
    public void request(String email, String requestBase, String clientAddress) {
        String normalized = Organizations.validEmail(email);
        if (over("email:" + normalized, PER_EMAIL) | over("address:" + clientAddress, PER_ADDRESS)) {
            log.info("Password reset request dropped: too many lately for this email or address");
            return;
        }
        String base = settings.base(requestBase);
        background.execute(() -> {
            try {
                members.byEmail(normalized).ifPresent(member -> send(member, base));
            } catch (RuntimeException e) {
                log.warn("A password reset request failed", e);
            }
        });
    }

    /** Whether links are mailed (a mail server is configured); otherwise they go to the log in embedded mode only. */
    public boolean mailConfigured() {
        return mail.configured();
    }

    /**
     * Checks that a reset link still works, for the page that asks for the new password.
     *
     * @throws LinkException when it does not, saying why
     */
    public void check(String token) {
        usable(token);
    }

    /**
     * Sets the new password and uses the link up, with every other reset link of the member. The password is checked
     * first, so a weak one can be corrected with the same link.
     *
     * @throws io.parley.tenant.WeakPasswordException when the password breaks the policy
     * @throws LinkException when the link does not work
     */
    public void reset(String token, String password) {
        members.checkPassword(password);
        PasswordReset reset = usable(token);
        if (!store.useReset(LinkTokens.hash(token), reset.member(), clock.instant())) {
            throw new LinkException(LinkException.Reason.USED);
        }
        if (!members.replacePassword(reset.member(), password)) {
            throw new LinkException(LinkException.Reason.UNKNOWN);
        }
        log.info("Member {} chose a new password with a reset link", reset.member());
    }

    private PasswordReset usable(String token) {
        if (!LinkTokens.isWellFormed(token)) {
            throw new LinkException(LinkException.Reason.UNKNOWN);
        }
        PasswordReset reset = store.resetByTokenHash(LinkTokens.hash(token))
                .orElseThrow(() -> new LinkException(LinkException.Reason.UNKNOWN));
        if (reset.usedAt() != null) {
            throw new LinkException(LinkException.Reason.USED);
        }
        if (!clock.instant().isBefore(reset.expiresAt())) {
            throw new LinkException(LinkException.Reason.EXPIRED);
        }
        return reset;
    }

    private void send(Member member, String base) {
        Instant now = clock.instant();
        String token = LinkTokens.generate();
        store.saveReset(
                LinkTokens.hash(token),
                new PasswordReset(member.id(), now, now.plus(settings.passwordResetTtl()), null));
        String link = base + "/console/password-reset/" + token;
        if (mail.configured()) {
            mail.send(
                    member.email(),
                    "Choose a new Parley password",
                    "Hello " + member.name() + ",\n\nSomeone (hopefully you) asked to change the password of your"
                            + " Parley account. Choose a new one here:\n" + link + "\n\nThe link works once, for "
                            + settings.passwordResetTtl().toMinutes() + " minutes. If you did not ask, ignore this"
                            + " mail: your password stays as it is.\n");
        } else if (embedded) {
            log.info(
                    "Password reset link for member {} (embedded mode with no mail server configured, so it is"
                            + " logged here; it opens the account, so treat it as a password): {}",
                    member.id(),
                    link);
        } else {
            log.warn(
                    "Member {} asked for a password reset, but no mail server is configured (spring.mail.host):"
                            + " no link was sent",
                    member.id());
        }
    }

    private boolean over(String key, int limit) {
        return requests.get(key, k -> new AtomicInteger()).incrementAndGet() > limit;
    }
}
