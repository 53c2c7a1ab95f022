package io.parley.console;

import io.parley.tenant.Organization;
import io.parley.tenant.Organizations;
import io.parley.tenant.SignedInMember;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Putting the chat on the business's website: the embed snippet, the origins allowed to embed it, and the secret
 * that signs verified customers. The secret is shown only when asked for; reveal and rotate answer htmx with the
 * secret's fragment and plain forms with the whole page.
 */
@Controller
@RequestMapping("/console/install")
class InstallController {

    private final Organizations organizations;

    InstallController(Organizations organizations) {
        this.organizations = organizations;
    }

    @GetMapping
    String page(SignedInMember member, @RequestParam(required = false) String saved, Model model) {
        if (saved != null) {
            model.addAttribute("originsNotice", "Allowed origins saved.");
        }
        String origins = String.join("\n", organizations.allowedOrigins(member.organization()));
        return render(member, model, origins, null);
    }

    @PostMapping("/origins")
    String saveOrigins(
            SignedInMember member,
            @RequestParam(defaultValue = "") String origins,
            HttpServletResponse response,
            Model model) {
        List<String> requested = ProfileForm.lines(origins);
        try {
            organizations.replaceAllowedOrigins(member.organization(), requested);
            return "redirect:/console/install?saved#origins";
        } catch (IllegalArgumentException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(member, model, origins, e.getMessage());
        }
    }

    @PostMapping("/secret")
    String reveal(
            SignedInMember member, @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        model.addAttribute("secret", organizations.customerSecret(member.organization()));
        return htmx != null ? "console/install :: secret" : page(member, null, model);
    }

    /**
     * Rotates the secret once confirmed: htmx asks in a dialog and sends {@code confirmed=true}; a plain form is
     * first answered with the question on the page.
     */
    @PostMapping("/secret/rotate")
    String rotate(
            SignedInMember member,
            @RequestParam(defaultValue = "false") boolean confirmed,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        if (confirmed) {
            model.addAttribute("secret", organizations.rotateCustomerSecret(member.organization()));
            model.addAttribute(
                    "secretNotice", "New secret in use. Signatures made with the old one are no longer accepted.");
        } else {
            model.addAttribute("confirmRotation", true);
        }
        return htmx != null ? "console/install :: secret" : page(member, null, model);
    }

    private String render(SignedInMember member, Model model, String origins, String originsError) {
        Organization organization = organizations
                .find(member.organization())
                .orElseThrow(() -> new NotFoundException("Your organization no longer exists."));
        String server =
                ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        model.addAttribute("section", "install");
        model.addAttribute("server", server);
        model.addAttribute("siteKey", organization.siteKey().value());
        model.addAttribute(
                "snippet",
                "<script src=\"" + server + "/widget.js\" data-site-key=\""
                        + organization.siteKey().value() + "\" async></script>");
        model.addAttribute("origins", origins);
        model.addAttribute("originsError", originsError);
        return "console/install";
    }
}
