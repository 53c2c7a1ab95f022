package io.parley.conversation;

import io.parley.llm.ModelReply;
import io.parley.tenant.OrganizationId;
import io.parley.usage.ModelCall;
import java.math.BigDecimal;
import java.time.Duration;

/** Where the engine reports what each model call used; the usage feature prices and keeps it. */
@FunctionalInterface
public interface UsageRecorder {

    /**
     * Records one call (or one turn's calls, their usage added up). Never throws.
     *
     * @param conversation the conversation it served, or null (the playground)
     * @param message the reply it wrote, or null
     * @return what it cost, in US dollars
     */
    BigDecimal record(
            OrganizationId organization,
            ConversationId conversation,
            MessageId message,
            ModelCall.Purpose purpose,
            ModelReply reply,
            Duration latency);

    /** Records nothing (tests and tools). */
    UsageRecorder NONE = (organization, conversation, message, purpose, reply, latency) -> BigDecimal.ZERO;
}
