package io.parley.console;

import io.parley.team.LinkException;
import io.parley.team.PasswordResets;
import io.parley.tenant.Organizations;
import io.parley.tenant.WeakPasswordException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * "Forgot password?": asking for a reset link (the answer never says whether the email has an account), and the page
 * the link leads to, where the new password is chosen.
 */
@Controller
@RequestMapping("/console/password-reset")
class PasswordResetPageController {

    private final PasswordResets resets;

    PasswordResetPageController(PasswordResets resets) {
        this.resets = resets;
    }

    @GetMapping
    String requestPage(Model model) {
        return request(model, "", Map.of());
    }

    @PostMapping
    String send(
            @RequestParam(defaultValue = "") String email,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        try {
            resets.request(
                    email,
                    ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString(),
                    request.getRemoteAddr());
        } catch (IllegalArgumentException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return request(model, email.strip(), Map.of("email", e.getMessage()));
        }
        model.addAttribute("sentTo", email.strip());
        model.addAttribute("mailConfigured", resets.mailConfigured());
        return request(model, email.strip(), Map.of());
    }

    @GetMapping("/{token}")
    String choosePage(@PathVariable String token, HttpServletResponse response, Model model) {
        try {
            resets.check(token);
        } catch (LinkException e) {
            return LinkProblems.page(e, "password reset link", response, model);
        }
        return choose(model, token, Map.of());
    }

    @PostMapping("/{token}")
    String reset(
            @PathVariable String token,
            @RequestParam(defaultValue = "") String password,
            HttpServletResponse response,
            Model model) {
        try {
            resets.reset(token, password);
            return "redirect:/console/login?passwordChanged";
        } catch (WeakPasswordException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return choose(model, token, Map.of("password", e.getMessage()));
        } catch (LinkException e) {
            return LinkProblems.page(e, "password reset link", response, model);
        }
    }

    private static String request(Model model, String email, Map<String, String> errors) {
        model.addAttribute("email", email);
        model.addAttribute("errors", errors);
        return "console/password-reset-request";
    }

    private static String choose(Model model, String token, Map<String, String> errors) {
        model.addAttribute("token", token);
        model.addAttribute("errors", errors);
        model.addAttribute("minPassword", Organizations.MIN_PASSWORD_LENGTH);
        return "console/password-reset";
    }
}
