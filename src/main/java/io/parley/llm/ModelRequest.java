package io.parley.llm;

import io.parley.tenant.OrganizationId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a model needs for one reply. Immutable; the withers return a copy with one field changed, so a wrapper
 * such as the fallback chain passes every other field on untouched.
 *
 * @param organization whose assistant is answering (for per-organization settings and usage)
 * @param systemPrompt the organization's instructions; never dropped
 * @param messages the conversation so far, oldest first, already cut to the token budget; it ends with the
 *     customer's message to answer or with the results of the assistant's tool calls
 * @param tools the tools the model may call; empty for none (an adapter that cannot call tools ignores them)
 * @param passages reference text to answer from, kept apart from the instructions; empty for none
 * @param grounding the structured profile the system prompt was generated from (the offline engine answers from it)
 * @param maxOutputTokens the longest reply the model may write, in tokens
 * @param timeout the longest the call may take before it must give up with {@link ModelException.Kind#TIMEOUT}
 */
public record ModelRequest(
        OrganizationId organization,
        String systemPrompt,
        List<ChatMessage> messages,
        List<Tool> tools,
        List<Passage> passages,
        Grounding grounding,
        int maxOutputTokens,
        Duration timeout) {

    /** Enough for any support answer; a runaway reply is cut by the engine well before a model's own limit. */
    public static final int DEFAULT_MAX_OUTPUT_TOKENS = 1024;

    public ModelRequest {
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        messages = List.copyOf(messages);
        if (messages.isEmpty() || messages.getLast() instanceof ChatMessage.Assistant) {
            throw new IllegalArgumentException("messages must end with the customer's message or tool results");
        }
        tools = List.copyOf(tools);
        passages = List.copyOf(passages);
        Objects.requireNonNull(grounding, "grounding");
        if (maxOutputTokens < 1) {
            throw new IllegalArgumentException("maxOutputTokens must be positive");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    /** A request without tools or passages, for the default number of output tokens. */
    public static ModelRequest of(
            OrganizationId organization,
            String systemPrompt,
            List<ChatMessage> messages,
            Grounding grounding,
            Duration timeout) {
        return new ModelRequest(
                organization,
                systemPrompt,
                messages,
                List.of(),
                List.of(),
                grounding,
                DEFAULT_MAX_OUTPUT_TOKENS,
                timeout);
    }

    public ModelRequest withTimeout(Duration timeout) {
        return new ModelRequest(
                organization, systemPrompt, messages, tools, passages, grounding, maxOutputTokens, timeout);
    }

    public ModelRequest withMessages(List<ChatMessage> messages) {
        return new ModelRequest(
                organization, systemPrompt, messages, tools, passages, grounding, maxOutputTokens, timeout);
    }

    public ModelRequest withTools(List<Tool> tools) {
        return new ModelRequest(
                organization, systemPrompt, messages, tools, passages, grounding, maxOutputTokens, timeout);
    }

    public ModelRequest withPassages(List<Passage> passages) {
        return new ModelRequest(
                organization, systemPrompt, messages, tools, passages, grounding, maxOutputTokens, timeout);
    }

    public ModelRequest withMaxOutputTokens(int maxOutputTokens) {
        return new ModelRequest(
                organization, systemPrompt, messages, tools, passages, grounding, maxOutputTokens, timeout);
    }

    /** The customer's latest message, or an empty string when the conversation has none. */
    public String question() {
        for (ChatMessage message : messages.reversed()) {
            if (message instanceof ChatMessage.Customer customer) {
                return customer.text();
            }
        }
        return "";
    }
}
