package io.parley.console;

import io.parley.conversation.ChatEngine;
import io.parley.conversation.ConversationStatus;
import io.parley.tenant.SignedInMember;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * How many conversations wait for a person, for the count beside "Inbox" in the console's navigation. Counted when a
 * page is rendered; the inbox page itself keeps it live.
 */
@ControllerAdvice(basePackageClasses = InboxCountAdvice.class)
class InboxCountAdvice {

    private static final Logger log = LoggerFactory.getLogger(InboxCountAdvice.class);

    private final ChatEngine engine;

    InboxCountAdvice(ChatEngine engine) {
        this.engine = engine;
    }

    /** A count that cannot be had leaves it out: a number in the navigation never fails a page. */
    @ModelAttribute
    void waiting(Model model) {
        SignedInMember.current().ifPresent(member -> {
            try {
                model.addAttribute(
                        "waitingCount",
                        engine.list(member.organization(), ConversationStatus.WAITING_FOR_AGENT, 0, 1)
                                .total());
            } catch (RuntimeException e) {
                log.debug("No waiting count for the navigation", e);
            }
        });
    }
}
