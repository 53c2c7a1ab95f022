package io.parley.console;

import io.parley.conversation.ChatEngine;
import io.parley.conversation.ChatSettings;
import io.parley.conversation.SendRejectedException;
import io.parley.llm.ChatMessage;
import io.parley.tenant.Organizations;
import io.parley.tenant.ProfileVersion;
import io.parley.tenant.SignedInMember;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The "Playground": the business chats with its assistant as configured, or with the unsaved draft it was editing on
 * the Profile page, and sees for each reply the model, tokens, cost and latency. Nothing becomes a customer
 * conversation. The exchange so far travels with the form (a hidden JSON field), so the server keeps no state.
 */
@Controller
@RequestMapping("/console/playground")
class PlaygroundPageController {

    private static final TypeReference<List<Entry>> ENTRIES = new TypeReference<>() {};
    private static final int MAX_ENTRIES = 40;
    private static final int MAX_SOURCES = 10;

    private final ChatEngine engine;
    private final Organizations organizations;
    private final JsonMapper json;

    PlaygroundPageController(ChatEngine engine, Organizations organizations, JsonMapper json) {
        this.engine = engine;
        this.organizations = organizations;
        this.json = json;
    }

    /**
     * One message of the test exchange, as shown: for a reply, who wrote it and what it used.
     *
     * @param answered false when no model answered and the reply is the fallback message
     * @param sources the knowledge base passages a reply used; empty for none
     */
    record Entry(
            String role,
            String content,
            String model,
            Long inputTokens,
            Long outputTokens,
            BigDecimal cost,
            Long latencyMs,
            Boolean answered,
            List<ConversationViews.Cited> sources) {

        Entry {
            sources = sources == null ? List.of() : sources;
        }

        static Entry customer(String text) {
            return new Entry("customer", text, null, null, null, null, null, null, List.of());
        }

        /**
         * The entry as the form sent it back: its sources are only as trustworthy as the rest of the field, so at most
         * {@link #MAX_SOURCES} are kept, and only web addresses stay links.
         */
        Entry sanitized() {
            return new Entry(
                    role,
                    content,
                    model,
                    inputTokens,
                    outputTokens,
                    cost,
                    latencyMs,
                    answered,
                    sources.stream()
                            .filter(c -> c != null && c.ref() != null && c.title() != null)
                            .limit(MAX_SOURCES)
                            .map(c -> new ConversationViews.Cited(
                                    c.ref(),
                                    c.title(),
                                    KnowledgeViews.webLink(c.link()),
                                    c.snippet() == null ? "" : c.snippet()))
                            .toList());
        }

        public boolean fromCustomer() {
            return "customer".equals(role);
        }
    }

    @GetMapping
    String page(SignedInMember member, Model model) {
        return render(model, List.of(), null, null, "");
    }

    /** Arrives from the Profile page's "Try this draft": the playground answers with the fields as typed. */
    @PostMapping("/draft")
    String draft(@ModelAttribute ProfileForm draft, Model model) {
        Map<String, String> problems = draft.problems();
        if (!problems.isEmpty()) {
            return render(
                    model,
                    List.of(),
                    draft,
                    "Fix the draft on the Profile page first: "
                            + problems.values().iterator().next(),
                    "");
        }
        return render(model, List.of(), draft, null, "");
    }

    @PostMapping
    String send(
            SignedInMember member,
            @RequestParam(defaultValue = "") String message,
            @RequestParam(defaultValue = "[]") String history,
            @RequestParam(defaultValue = "false") boolean useDraft,
            @ModelAttribute ProfileForm draft,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            HttpServletResponse response,
            Model model) {
        List<Entry> entries = entries(history);
        ProfileForm usedDraft = useDraft ? draft : null;
        if (usedDraft != null && !usedDraft.problems().isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return view(
                    htmx,
                    render(
                            model,
                            entries,
                            usedDraft,
                            "The draft cannot be used: "
                                    + usedDraft.problems().values().iterator().next(),
                            message));
        }
        ProfileVersion profile = usedDraft == null
                ? organizations.currentProfile(member.organization())
                : organizations.draft(member.organization(), usedDraft.toProfile());
        List<ChatMessage> earlier = entries.stream()
                .map(e -> e.fromCustomer() ? ChatMessage.customer(e.content()) : ChatMessage.assistant(e.content()))
                .toList();
        ChatEngine.TryOut tried;
        try {
            tried = engine.tryOut(member.organization(), profile, earlier, message);
        } catch (SendRejectedException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            String problem = e.reason() == SendRejectedException.Reason.TOO_LONG
                    ? "A message can have at most " + String.format("%,d", ChatSettings.MAX_MESSAGE_LENGTH)
                            + " characters."
                    : "Write a message first.";
            return view(htmx, render(model, entries, usedDraft, problem, message));
        }
        List<Entry> after = new ArrayList<>(entries);
        after.add(Entry.customer(message.strip()));
        after.add(new Entry(
                "assistant",
                tried.reply(),
                tried.answered() ? tried.provider() + " · " + tried.model() : "fallback message",
                tried.usage().inputTokens(),
                tried.usage().outputTokens(),
                tried.cost(),
                tried.latency().toMillis(),
                tried.answered(),
                tried.citations().stream().map(ConversationViews.Cited::of).toList()));
        while (after.size() > MAX_ENTRIES) {
            after.removeFirst();
        }
        return view(htmx, render(model, after, usedDraft, null, ""));
    }

    private static String view(String htmx, String page) {
        return htmx != null ? "console/playground :: exchange" : page;
    }

    private String render(Model model, List<Entry> entries, ProfileForm draft, String problem, String message) {
        model.addAttribute("section", "playground");
        model.addAttribute("entries", entries);
        model.addAttribute("history", json.writeValueAsString(entries));
        model.addAttribute("draft", draft);
        model.addAttribute("problem", problem);
        model.addAttribute("message", message);
        return "console/playground";
    }

    /** The exchange so far as the form sent it back; anything unreadable or oversized starts over. */
    private List<Entry> entries(String history) {
        try {
            List<Entry> parsed = json.readValue(history, ENTRIES);
            return parsed == null
                    ? List.of()
                    : parsed.stream()
                            .filter(e -> e != null
                                    && e.content() != null
                                    && e.content().length() <= ChatSettings.MAX_MESSAGE_LENGTH * 2
                                    && ("customer".equals(e.role()) || "assistant".equals(e.role())))
                            .limit(MAX_ENTRIES)
                            .map(Entry::sanitized)
                            .toList();
        } catch (JacksonException e) {
            return List.of();
        }
    }
}
