package io.parley.console;

import io.parley.conversation.ChatEngine;
import io.parley.conversation.ConversationStatus;
import io.parley.tenant.Organizations;
import io.parley.tenant.ProfileVersion;
import io.parley.tenant.SignedInMember;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's home: how many conversations there are, the latest ones, and what is left to set up. */
@Controller
class OverviewController {

    private static final int RECENT = 5;

    private final ChatEngine engine;
    private final Organizations organizations;

    OverviewController(ChatEngine engine, Organizations organizations) {
        this.engine = engine;
        this.organizations = organizations;
    }

    /** A count of conversations in one status, linking to the list filtered by it. */
    record Count(ConversationViews.Status status, long conversations) {}

    @GetMapping({"/console", "/console/"})
    String overview(SignedInMember member, Model model) {
        var recent = engine.list(member.organization(), null, 0, RECENT);
        List<Count> counts = Arrays.stream(ConversationStatus.values())
                .map(status -> new Count(
                        ConversationViews.Status.of(status),
                        engine.list(member.organization(), status, 0, 1).total()))
                .toList();
        ProfileVersion profile = organizations.currentProfile(member.organization());
        model.addAttribute("section", "overview");
        model.addAttribute("total", recent.total());
        model.addAttribute("counts", counts);
        model.addAttribute(
                "recent", recent.items().stream().map(ConversationViews.Row::of).toList());
        model.addAttribute("profile", profile);
        model.addAttribute("profileSavedAt", When.of(profile.generatedAt()));
        model.addAttribute("profileUntouched", profile.version() == 1);
        model.addAttribute(
                "origins", organizations.allowedOrigins(member.organization()).size());
        return "console/overview";
    }
}
