package io.parley.demo;

import io.parley.tenant.Organizations;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /}: the demo shop's page with the chat widget on it, or the console when there is no demo. */
@Controller
class DemoPage {

    private final Organizations organizations;

    DemoPage(Organizations organizations) {
        this.organizations = organizations;
    }

    @GetMapping("/")
    String home(Model model) {
        return organizations
                .bySiteKey(DemoOrganization.SITE_KEY)
                .map(organization -> {
                    model.addAttribute("siteKey", organization.siteKey().value());
                    model.addAttribute("businessName", organization.name());
                    return "demo";
                })
                .orElse("redirect:/console");
    }
}
