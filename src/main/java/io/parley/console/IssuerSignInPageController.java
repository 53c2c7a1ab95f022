package io.parley.console;

import io.parley.security.OidcProperties;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's side of signing in through the OpenID Connect issuer: the sign-in page's "Sign in with …" button
 * (only when an issuer is configured) and the page saying why a sign-in through it was refused.
 */
@Controller
class IssuerSignInPageController {

    static final String PATH = "/console/login/refused";
    static final String NOT_INVITED = "not-invited";
    static final String UNVERIFIED = "unverified";
    static final String FAILED = "failed";
    static final String NOT_INVITED_MESSAGE = "No Parley organization has invited this address.";

    @GetMapping(PATH)
    String refused(@RequestParam(defaultValue = FAILED) String reason, HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        switch (reason) {
            case NOT_INVITED -> {
                model.addAttribute("title", NOT_INVITED_MESSAGE);
                model.addAttribute(
                        "detail",
                        "You signed in, but no organization on Parley has this email as a member or has invited it."
                                + " Ask an owner of your organization to invite you, then sign in again.");
            }
            case UNVERIFIED -> {
                model.addAttribute("title", "Your email address is not verified");
                model.addAttribute(
                        "detail",
                        "Your identity provider did not confirm your email address, so Parley cannot tell which"
                                + " member you are. Verify it there, then sign in again.");
            }
            default -> {
                model.addAttribute("title", "Sign-in did not complete");
                model.addAttribute(
                        "detail", "Your identity provider did not let the sign-in through. Try again from the start.");
            }
        }
        return "console/issuer-refused";
    }

    /** Adds {@code issuerName} to the sign-in page when members may sign in through an issuer. */
    @ControllerAdvice(assignableTypes = SignInController.class)
    static class SignInButton {

        private final OidcProperties settings;

        SignInButton(OidcProperties settings) {
            this.settings = settings;
        }

        @ModelAttribute("issuerName")
        String issuerName() {
            return settings.enabled() ? settings.displayName() : null;
        }

        @ModelAttribute("issuerStart")
        String issuerStart() {
            return IssuerSignInConfiguration.START;
        }
    }
}
