package io.parley.console;

import io.parley.security.AccessTokens;
import io.parley.tenant.InvalidCredentialsException;
import io.parley.tenant.LoginThrottledException;
import io.parley.tenant.Member;
import io.parley.tenant.Members;
import io.parley.tenant.Organizations;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Signing in to the console and out of it. */
@Controller
@RequestMapping("/console")
class SignInController {

    static final String WRONG_CREDENTIALS = "The email or the password is not right.";

    private final Organizations organizations;
    private final AccessTokens tokens;
    private final SessionCookie cookie;
    private final Members members;

    SignInController(Organizations organizations, AccessTokens tokens, SessionCookie cookie, Members members) {
        this.organizations = organizations;
        this.tokens = tokens;
        this.cookie = cookie;
        this.members = members;
    }

    @GetMapping("/login")
    String page(
            @RequestParam(required = false) String next,
            @RequestParam(required = false) String signedOut,
            @RequestParam(required = false) String passwordChanged,
            Model model) {
        if (signedOut == null
                && SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken) {
            return "redirect:" + ReturnTo.safe(next);
        }
        model.addAttribute("email", "");
        model.addAttribute("next", ReturnTo.safe(next));
        if (signedOut != null) {
            model.addAttribute("notice", "You are signed out.");
        }
        if (passwordChanged != null) {
            model.addAttribute("notice", "Your password was changed. Sign in with the new one.");
        }
        return "console/login";
    }

    @PostMapping("/login")
    String signIn(
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(required = false) String next,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        model.addAttribute("email", email.strip());
        model.addAttribute("next", ReturnTo.safe(next));
        try {
            Member member = organizations.authenticate(email, password, request.getRemoteAddr());
            cookie.signIn(tokens, member, request, response);
            return "redirect:" + ReturnTo.safe(next);
        } catch (InvalidCredentialsException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("error", WRONG_CREDENTIALS);
        } catch (LoginThrottledException e) {
            long minutes = Math.max(1, (e.retryAfter().toSeconds() + 59) / 60);
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(
                    HttpHeaders.RETRY_AFTER,
                    String.valueOf(Math.max(1, e.retryAfter().toSeconds())));
            model.addAttribute(
                    "error",
                    "Too many failed attempts. Wait " + minutes + (minutes == 1 ? " minute" : " minutes")
                            + " before trying again.");
        }
        return "console/login";
    }

    /**
     * Signs the browser out and ends its token at once (with {@code everywhere}, every token of the member), so a copy
     * of the cookie stops working too.
     */
    @PostMapping("/logout")
    String signOut(
            @RequestParam(defaultValue = "false") boolean everywhere,
            HttpServletRequest request,
            HttpServletResponse response) {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken signedIn) {
            members.signOut(signedIn.getToken(), everywhere);
        }
        cookie.signOut(request, response);
        return "redirect:/console/login?signedOut";
    }
}
