package io.parley.tenant.web;

import io.parley.security.AccessTokens;
import io.parley.tenant.EmailTakenException;
import io.parley.tenant.InvalidCredentialsException;
import io.parley.tenant.LoginThrottledException;
import io.parley.tenant.Member;
import io.parley.tenant.Organization;
import io.parley.tenant.Organizations;
import io.parley.tenant.Session;
import io.parley.tenant.SignUpThrottledException;
import io.parley.tenant.WeakPasswordException;
import io.parley.web.ProblemException;
import io.parley.web.ProblemType;
import io.parley.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Signing up an organization and signing in its members. */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Organization members")
class AuthController {

    private final Organizations organizations;
    private final AccessTokens tokens;

    AuthController(Organizations organizations, AccessTokens tokens) {
        this.organizations = organizations;
        this.tokens = tokens;
    }

    record SignupRequest(
            @NotBlank @Size(max = 320) String email,
            @NotNull String password,
            @NotBlank @Size(max = 200) String organizationName,
            @Schema(description = "The owner's display name, shown to customers; the email's local part when omitted")
                    @Size(max = Member.NAME_MAX)
                    String name) {
        @Override
        public String toString() {
            return "SignupRequest[organizationName=" + organizationName + "]";
        }
    }

    record LoginRequest(@NotBlank String email, @NotNull String password) {
        @Override
        public String toString() {
            return "LoginRequest[]";
        }
    }

    @PostMapping("/signup")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Create an organization and its owner; answers with a signed-in session",
            description = "One client address may sign up 10 organizations at once, then one more every 6 minutes;"
                    + " over that, 429 with Retry-After (so that nobody can try emails in bulk to learn which have an"
                    + " account).")
    Session signup(@Valid @RequestBody SignupRequest request, HttpServletRequest http) {
        try {
            var signedUp = organizations.signUp(
                    request.email(),
                    request.password(),
                    request.organizationName(),
                    request.name(),
                    http.getRemoteAddr());
            return Session.of(tokens, signedUp.owner(), signedUp.organization());
        } catch (WeakPasswordException e) {
            throw new ProblemException(
                    ProblemType.WEAK_PASSWORD,
                    e.getMessage(),
                    List.of(new ProblemException.FieldError("password", e.getMessage())),
                    null);
        } catch (EmailTakenException e) {
            throw ProblemType.EMAIL_TAKEN.exception("An account with this email already exists. Sign in instead.");
        } catch (SignUpThrottledException e) {
            throw ProblemType.TOO_MANY_SIGN_UPS.exception(
                    "Too many sign-ups from your address. Wait a few minutes before trying again.", e.retryAfter());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(fieldOf(e), e.getMessage());
        }
    }

    @PostMapping("/login")
    @Operation(
            summary = "Sign in a member; repeated failures are slowed down",
            description = "Failures are counted per email and client address: after 5, each further try from that"
                    + " address waits 5 s, doubling with each failure up to 15 min (429 with Retry-After, the password"
                    + " is not checked); a success clears them. One address may fail 50 times across all emails, then"
                    + " once a minute. Failures from other addresses never make a member wait: more than 10 lately"
                    + " across addresses only cut an address's free tries at that email to 1. 503 with Retry-After"
                    + " when the server is too busy hashing passwords; that try is not counted.")
    Session login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        try {
            Member member = organizations.authenticate(request.email(), request.password(), http.getRemoteAddr());
            Organization organization =
                    organizations.find(member.organization()).orElseThrow(InvalidCredentialsException::new);
            return Session.of(tokens, member, organization);
        } catch (InvalidCredentialsException e) {
            throw ProblemType.INVALID_CREDENTIALS.exception("The email or the password is not right.");
        } catch (LoginThrottledException e) {
            throw ProblemType.TOO_MANY_LOGIN_ATTEMPTS.exception(
                    "Too many failed attempts from your address. Wait " + wait(e.retryAfter())
                            + " before trying again.",
                    e.retryAfter());
        }
    }

    private static String wait(Duration retryAfter) {
        long seconds = Problems.retryAfterSeconds(retryAfter);
        if (seconds < 60) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        long minutes = (seconds + 59) / 60;
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }

    /** Organizations says which input is wrong in words safe to show. */
    private static String fieldOf(IllegalArgumentException e) {
        String message = e.getMessage();
        return message.contains("your name") ? "name" : message.contains("email") ? "email" : "organizationName";
    }
}
