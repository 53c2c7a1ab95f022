package io.parley.team.web;

import io.parley.security.AccessTokens;
import io.parley.team.AlreadyMemberException;
import io.parley.team.LinkException;
import io.parley.team.PasswordResets;
import io.parley.team.Team;
import io.parley.tenant.Session;
import io.parley.tenant.WeakPasswordException;
import io.parley.web.ProblemException;
import io.parley.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Joining through an invitation and choosing a new password through a reset link: the calls a person makes before
 * they can sign in. A link that never existed (or was withdrawn) answers 404; one that expired or was used answers 410.
 */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Organization members")
class TeamAuthController {

    private final Team team;
    private final PasswordResets resets;
    private final AccessTokens tokens;

    TeamAuthController(Team team, PasswordResets resets, AccessTokens tokens) {
        this.team = team;
        this.resets = resets;
        this.tokens = tokens;
    }

    record AcceptRequest(String name, String password) {
        @Override
        public String toString() {
            return "AcceptRequest[]";
        }
    }

    record ResetRequest(String email) {
        @Override
        public String toString() {
            return "ResetRequest[]";
        }
    }

    record NewPassword(String password) {
        @Override
        public String toString() {
            return "NewPassword[]";
        }
    }

    @PostMapping("/invitations/{token}/accept")
    @Operation(
            summary = "Accept an invitation with a display name and a password; answers as signing in does",
            description = "404 for a link that does not exist or was withdrawn, 410 for one that expired or was used.")
    Session accept(@PathVariable String token, @RequestBody(required = false) AcceptRequest body) {
        String name = body == null ? null : body.name();
        String password = body == null ? null : body.password();
        if (name == null || name.isBlank()) {
            throw ProblemException.invalid("name", "Enter your name as customers should see it.");
        }
        if (password == null || password.isEmpty()) {
            throw ProblemException.invalid("password", "Choose a password.");
        }
        try {
            var joined = team.accept(token, name, password);
            return Session.of(tokens, joined.member(), joined.organization());
        } catch (LinkException e) {
            throw linkProblem(e, "invitation");
        } catch (WeakPasswordException e) {
            throw weak(e);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("name", e.getMessage());
        } catch (AlreadyMemberException e) {
            throw ProblemType.EMAIL_TAKEN.exception(
                    "This email already has a Parley account in another organization; one email belongs to one"
                            + " organization.");
        }
    }

    @PostMapping("/password-reset")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Ask for a link to choose a new password",
            description = "Always 202, whether or not the email has an account. The link is mailed when a mail server"
                    + " is configured; in embedded mode without one, it is written to the server's log.")
    void requestReset(@RequestBody(required = false) ResetRequest body, HttpServletRequest http) {
        if (body == null || body.email() == null || body.email().isBlank()) {
            throw ProblemException.invalid("email", "Enter the email address you sign in with.");
        }
        try {
            resets.request(
                    body.email(),
                    ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString(),
                    http.getRemoteAddr());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("email", e.getMessage());
        }
    }

    @PostMapping("/password-reset/{token}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Choose a new password with a reset link",
            description = "404 for a link that does not exist, 410 for one that expired or was used; a weak password"
                    + " gets 400 and the link still works.")
    void reset(@PathVariable String token, @RequestBody(required = false) NewPassword body) {
        if (body == null || body.password() == null || body.password().isEmpty()) {
            throw ProblemException.invalid("password", "Choose a new password.");
        }
        try {
            resets.reset(token, body.password());
        } catch (LinkException e) {
            throw linkProblem(e, "password reset link");
        } catch (WeakPasswordException e) {
            throw weak(e);
        }
    }

    static ProblemException linkProblem(LinkException e, String what) {
        return switch (e.reason()) {
            case UNKNOWN ->
                ProblemType.NOT_FOUND.exception("This " + what
                        + " does not exist. Check that the whole link was copied; it may have been" + " withdrawn.");
            case EXPIRED -> ProblemType.LINK_EXPIRED.exception("This " + what + " has expired. Ask for a new one.");
            case USED -> ProblemType.LINK_EXPIRED.exception("This " + what + " was already used. Ask for a new one.");
        };
    }

    private static ProblemException weak(WeakPasswordException e) {
        return new ProblemException(
                ProblemType.WEAK_PASSWORD,
                e.getMessage(),
                List.of(new ProblemException.FieldError("password", e.getMessage())),
                null);
    }
}
