package io.parley.usage;

import io.parley.ids.TimeOrderedIds;
import io.parley.llm.ModelReply.Usage;
import io.parley.tenant.OrganizationId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One call to a model and what it cost: a row of the usage ledger.
 *
 * @param conversationId the conversation it served, or null (playground)
 * @param messageId the reply it wrote, or null (summaries, playground)
 * @param cost in US dollars, from the price table when the call was made
 */
public record ModelCall(
        String id,
        OrganizationId organization,
        @Nullable String conversationId,
        @Nullable String messageId,
        Purpose purpose,
        String provider,
        String model,
        Usage usage,
        BigDecimal cost,
        Duration latency,
        Instant at) {

    /** Why the model was called. */
    public enum Purpose {
        /** A reply to a customer. */
        REPLY,
        /** A summary of a long conversation's older turns. */
        SUMMARY,
        /** A member trying the assistant in the console. */
        PLAYGROUND,
        /** A reply drafted for a person of the team to edit. */
        SUGGESTION;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ModelCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(latency, "latency");
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS);
    }

    static String newId() {
        return TimeOrderedIds.next();
    }
}
