package io.parley.testing;

import io.parley.llm.ChatTurn;
import io.parley.llm.Grounding;
import io.parley.llm.ModelRequest;
import io.parley.tenant.OrganizationId;
import java.time.Duration;
import java.util.List;

/** Sample profiles and model requests for tests of anything that calls or implements a language model. */
public final class ModelRequests {

    public static final OrganizationId ORGANIZATION = new OrganizationId("org-alpine");
    public static final String SYSTEM_PROMPT = "You are the assistant of Alpine Outfitters. SYSTEM-PROMPT-MARKER";
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private ModelRequests() {}

    /** An outdoor shop with rules on returns and shipping, a few guidelines and a warm tone. */
    public static Grounding outdoorShop() {
        return new Grounding(
                "Alpine Outfitters",
                "Alpine Outfitters is an outdoor shop in Boulder, Colorado. We sell tents, sleeping bags, backpacks"
                        + " and hiking boots. Our store is open Monday to Saturday from 9am to 6pm.",
                List.of(
                        "Returns and refunds are accepted within 30 days of purchase with the original receipt.",
                        "We ship to all US states, and orders over $50 ship free.",
                        "Gift cards cannot be exchanged for cash."),
                List.of(
                        "Boot sizes run small, so we suggest ordering half a size up.",
                        "Orders can be cancelled free of charge until they have shipped."),
                List.of("We repair gear before we replace it."),
                "warm and helpful",
                "I'm not sure about that one, but our team can help at help@alpine.example.");
    }

    /** A profile with nothing but a name and a fallback message. */
    public static Grounding emptyProfile() {
        return new Grounding("Tiny Co", null, List.of(), List.of(), List.of(), null, "Sorry, I cannot help with that.");
    }

    /** The customer asks {@code question} of the outdoor shop, with a generous timeout. */
    public static ModelRequest ask(String question) {
        return ask(outdoorShop(), question);
    }

    public static ModelRequest ask(Grounding grounding, String question) {
        return new ModelRequest(ORGANIZATION, SYSTEM_PROMPT, List.of(ChatTurn.customer(question)), grounding, TIMEOUT);
    }

    /** The same request with another timeout. */
    public static ModelRequest withTimeout(ModelRequest request, Duration timeout) {
        return new ModelRequest(
                request.organization(), request.systemPrompt(), request.history(), request.grounding(), timeout);
    }
}
