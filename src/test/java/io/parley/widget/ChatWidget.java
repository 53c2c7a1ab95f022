package io.parley.widget;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * The chat widget on a page, as a customer sees it. Playwright's CSS locators reach into the widget's open shadow
 * root, so these are the same elements a person clicks and reads.
 */
final class ChatWidget {

    private final Page page;

    ChatWidget(Page page) {
        this.page = page;
    }

    Locator launcher() {
        return page.locator("parley-chat .launcher");
    }

    Locator window() {
        return page.locator("parley-chat [role=dialog]");
    }

    Locator input() {
        return page.locator("parley-chat .composer textarea");
    }

    Locator typing() {
        return page.locator("parley-chat .typing");
    }

    Locator status() {
        return page.locator("parley-chat .status");
    }

    Locator messages() {
        return page.locator("parley-chat [role=log] .msg");
    }

    /** The text of the customer's messages, without the label read to screen readers. */
    Locator customerMessages() {
        return page.locator("parley-chat [role=log] .msg.customer .bubble");
    }

    /** Replies still being written (streamed) are marked {@code streaming}. */
    Locator streamingReplies() {
        return page.locator("parley-chat [role=log] .msg.assistant.streaming");
    }

    Locator finishedReplies() {
        return page.locator("parley-chat [role=log] .msg.assistant:not(.streaming)");
    }

    /** Messages still waiting for the server's acknowledgement. */
    Locator pending() {
        return page.locator("parley-chat [role=log] .msg.pending");
    }

    /** The conversation's state in words, under the header. */
    Locator state() {
        return page.locator("parley-chat .state");
    }

    Locator subtitle() {
        return page.locator("parley-chat .subtitle");
    }

    /** Messages from a person of the team. */
    Locator agentMessages() {
        return page.locator("parley-chat [role=log] .msg.agent");
    }

    Locator systemMessages() {
        return page.locator("parley-chat [role=log] .msg.system");
    }

    /** Lines the widget itself added to the log ("Thank you for your rating."). */
    Locator notes() {
        return page.locator("parley-chat [role=log] .local-note");
    }

    Locator contactForm() {
        return page.locator("parley-chat form.contact");
    }

    Locator ratingForm() {
        return page.locator("parley-chat form.rating");
    }

    /** The "Helpful" (thumbs up) button of a reply. */
    Locator helpful(Locator reply) {
        return reply.getByRole(
                AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Helpful").setExact(true));
    }

    Locator notHelpful(Locator reply) {
        return reply.getByRole(
                AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Not helpful").setExact(true));
    }

    void open() {
        launcher().click();
        assertThat(window()).isVisible();
    }

    void send(String text) {
        input().fill(text);
        input().press("Enter");
    }

    /** Sends a message and waits until it is acknowledged and its reply is complete. */
    void ask(String text) {
        int replies = finishedReplies().count();
        send(text);
        assertThat(finishedReplies()).hasCount(replies + 1);
        assertThat(pending()).hasCount(0);
    }
}
