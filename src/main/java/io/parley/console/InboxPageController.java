package io.parley.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The live inbox: the page is a frame, filled and kept current by inbox.js over {@code /console/ws/agent}, so nothing
 * of a conversation is rendered here (and nothing here needs reloading when one changes).
 */
@Controller
class InboxPageController {

    @GetMapping("/console/inbox")
    String inbox(Model model) {
        model.addAttribute("section", "inbox");
        return "console/inbox";
    }
}
