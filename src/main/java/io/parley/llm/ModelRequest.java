package io.parley.llm;

import io.parley.tenant.OrganizationId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a model needs for one reply.
 *
 * @param organization whose assistant is answering (for per-organization settings and usage)
 * @param systemPrompt the organization's generated system prompt; never dropped
 * @param history the conversation so far, oldest first, already cut to the token budget; its last turn is the
 *     customer's message to answer
 * @param grounding the structured text the system prompt was generated from
 * @param timeout the longest the call may take before it must give up with {@link ModelException.Kind#TIMEOUT}
 */
public record ModelRequest(
        OrganizationId organization,
        String systemPrompt,
        List<ChatTurn> history,
        Grounding grounding,
        Duration timeout) {

    public ModelRequest {
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        history = List.copyOf(history);
        if (history.isEmpty() || history.getLast().speaker() != ChatTurn.Speaker.CUSTOMER) {
            throw new IllegalArgumentException("history must end with the customer's message");
        }
        Objects.requireNonNull(grounding, "grounding");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    /** The customer's message being answered. */
    public String question() {
        return history.getLast().text();
    }
}
