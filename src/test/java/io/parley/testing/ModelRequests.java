package io.parley.testing;

import io.parley.llm.ChatMessage;
import io.parley.llm.Grounding;
import io.parley.llm.ModelRequest;
import io.parley.llm.Tool;
import io.parley.tenant.OrganizationId;
import java.time.Duration;
import java.util.List;

/** Sample profiles and model requests for tests of anything that calls or implements a language model. */
public final class ModelRequests {

    public static final OrganizationId ORGANIZATION = new OrganizationId("org-alpine");
    public static final String SYSTEM_PROMPT = "You are the assistant of Alpine Outfitters. SYSTEM-PROMPT-MARKER";
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A read-only tool as the retail actions will offer it. */
    public static final Tool FIND_ORDER = new Tool(
            "find_order",
            "Looks up one of the customer's orders by its id.",
            """
            {"type":"object","properties":{"order_id":{"type":"string","description":"e.g. W123"}},\
            "required":["order_id"]}""",
            Tool.Kind.READ);

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
        return ModelRequest.of(
                ORGANIZATION, SYSTEM_PROMPT, List.of(ChatMessage.customer(question)), grounding, TIMEOUT);
    }

    /** A request with this conversation so far (customer and assistant alternating, the customer first). */
    public static ModelRequest conversation(String... turns) {
        List<ChatMessage> messages = new java.util.ArrayList<>();
        for (int i = 0; i < turns.length; i++) {
            messages.add(i % 2 == 0 ? ChatMessage.customer(turns[i]) : ChatMessage.assistant(turns[i]));
        }
        return ModelRequest.of(ORGANIZATION, SYSTEM_PROMPT, messages, outdoorShop(), TIMEOUT);
    }

    /** The same request with another timeout. */
    public static ModelRequest withTimeout(ModelRequest request, Duration timeout) {
        return request.withTimeout(timeout);
    }
}
