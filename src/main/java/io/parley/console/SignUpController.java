package io.parley.console;

import io.parley.security.AccessTokens;
import io.parley.tenant.EmailTakenException;
import io.parley.tenant.Organizations;
import io.parley.tenant.SignUpThrottledException;
import io.parley.tenant.WeakPasswordException;
import io.parley.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Creating an organization and its owner, who is then signed in. */
@Controller
@RequestMapping("/console/signup")
class SignUpController {

    private final Organizations organizations;
    private final AccessTokens tokens;
    private final SessionCookie cookie;

    SignUpController(Organizations organizations, AccessTokens tokens, SessionCookie cookie) {
        this.organizations = organizations;
        this.tokens = tokens;
        this.cookie = cookie;
    }

    @GetMapping
    String page(Model model) {
        model.addAttribute("email", "");
        model.addAttribute("organizationName", "");
        model.addAttribute("name", "");
        model.addAttribute("errors", Map.of());
        model.addAttribute("minPassword", Organizations.MIN_PASSWORD_LENGTH);
        return "console/signup";
    }

    @PostMapping
    String signUp(
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String organizationName,
            @RequestParam(defaultValue = "") String name,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        model.addAttribute("email", email.strip());
        model.addAttribute("organizationName", organizationName.strip());
        model.addAttribute("name", name.strip());
        model.addAttribute("minPassword", Organizations.MIN_PASSWORD_LENGTH);
        try {
            var signedUp = organizations.signUp(email, password, organizationName, name, request.getRemoteAddr());
            cookie.signIn(tokens, signedUp.owner(), request, response);
            return "redirect:/console/profile?welcome";
        } catch (WeakPasswordException e) {
            return refused(response, model, HttpStatus.UNPROCESSABLE_CONTENT, "password", e.getMessage());
        } catch (EmailTakenException e) {
            return refused(
                    response,
                    model,
                    HttpStatus.CONFLICT,
                    "email",
                    "An account with this email already exists. Sign in instead.");
        } catch (SignUpThrottledException e) {
            long minutes = (Problems.retryAfterSeconds(e.retryAfter()) + 59) / 60;
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Problems.retryAfterSeconds(e.retryAfter())));
            return refused(
                    response,
                    model,
                    HttpStatus.TOO_MANY_REQUESTS,
                    "email",
                    "Too many sign-ups from your address. Wait " + minutes + (minutes == 1 ? " minute" : " minutes")
                            + " before trying again.");
        } catch (IllegalArgumentException e) {
            // Organizations says which input is wrong in words safe to show.
            String message = e.getMessage();
            String field =
                    message.contains("your name") ? "name" : message.contains("email") ? "email" : "organizationName";
            return refused(response, model, HttpStatus.UNPROCESSABLE_CONTENT, field, e.getMessage());
        }
    }

    private static String refused(
            HttpServletResponse response, Model model, HttpStatus status, String field, String message) {
        response.setStatus(status.value());
        model.addAttribute("errors", Map.of(field, message));
        return "console/signup";
    }
}
