package io.parley.console;

import io.parley.team.LinkException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;

/** The page for an invitation or password-reset link that does not work: 404 if unknown, 410 if expired or used. */
final class LinkProblems {

    private LinkProblems() {}

    static String page(LinkException e, String what, HttpServletResponse response, Model model) {
        boolean reset = what.startsWith("password");
        String again = reset ? "Ask for a new link below." : "Ask the person who invited you to send a new invitation.";
        switch (e.reason()) {
            case UNKNOWN -> {
                response.setStatus(HttpStatus.NOT_FOUND.value());
                model.addAttribute("title", "This link does not work");
                model.addAttribute(
                        "detail",
                        "There is no such " + what + ". Check that the whole link was copied; it may also have been"
                                + " withdrawn. " + again);
            }
            case EXPIRED -> {
                response.setStatus(HttpStatus.GONE.value());
                model.addAttribute("title", "This link has expired");
                model.addAttribute("detail", "The " + what + " is no longer valid. " + again);
            }
            case USED -> {
                response.setStatus(HttpStatus.GONE.value());
                model.addAttribute("title", "This link was already used");
                model.addAttribute(
                        "detail", "Each " + what + " works once. If it was you, sign in. Otherwise: " + again);
            }
        }
        model.addAttribute("reset", reset);
        return "console/link-problem";
    }
}
