package io.parley.team;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Sends the team's plain-text mails (invitations, password resets) through the configured mail server. Spring Boot
 * makes a {@link JavaMailSender} only when {@code spring.mail.host} is set; without one, nothing is sent and callers
 * show or log the link instead. Failures are logged without the message, whose link is a secret.
 */
class TeamMail {

    private static final Logger log = LoggerFactory.getLogger(TeamMail.class);

    private final JavaMailSender sender;
    private final String from;

    /** @param sender null when no mail server is configured */
    TeamMail(JavaMailSender sender, String from) {
        this.sender = sender;
        this.from = from;
    }

    boolean configured() {
        return sender != null;
    }

    /** @return whether the mail server accepted the message */
    boolean send(String to, String subject, String text) {
        if (sender == null) {
            return false;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        message.setSubject(subject);
        message.setText(text);
        try {
            sender.send(message);
            return true;
        } catch (MailException e) {
            log.warn(
                    "The mail server refused or could not take a mail ({}): {}",
                    subject,
                    e.getClass().getSimpleName());
            return false;
        }
    }
}
