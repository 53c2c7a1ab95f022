package io.parley.team;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings for invitations and password resets.
 *
 * @param publicUrl the address people open the console at (e.g. {@code https://support.example.com}), for links in
 *     invitations and password-reset mails; when unset, the address of the request that made the link
 * @param invitationTtl how long an invitation link works
 * @param passwordResetTtl how long a password-reset link works
 * @param mailFrom the sender of Parley's mails, when a mail server is configured ({@code spring.mail.host})
 */
@ConfigurationProperties("parley.team")
public record TeamProperties(
        URI publicUrl,
        @DefaultValue("7d") Duration invitationTtl,
        @DefaultValue("1h") Duration passwordResetTtl,
        @DefaultValue("Parley <no-reply@localhost>") String mailFrom) {

    public TeamProperties {
        if (publicUrl != null
                && (publicUrl.getScheme() == null
                        || !(publicUrl.getScheme().equals("http")
                                || publicUrl.getScheme().equals("https"))
                        || publicUrl.getHost() == null)) {
            throw new IllegalArgumentException("parley.team.public-url must be an http(s) address like"
                    + " https://support.example.com, not " + publicUrl);
        }
        if (invitationTtl.isNegative()
                || invitationTtl.isZero()
                || passwordResetTtl.isNegative()
                || passwordResetTtl.isZero()) {
            throw new IllegalArgumentException("parley.team.invitation-ttl and password-reset-ttl must be positive");
        }
    }

    /** Where links point: the configured public address, or the one the request came to. */
    String base(String requestBase) {
        String base = publicUrl != null ? publicUrl.toString() : requestBase;
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
