package io.parley.conversation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What the engine reports to Micrometer (and so to {@code /actuator/prometheus}): how long acknowledgements and
 * first pieces of replies take, how replies end, and what is held in memory. Never message text. Model calls, tokens
 * and costs are counted where they happen: per provider by the registry, per organization by the usage ledger.
 */
final class ChatMetrics {

    private final MeterRegistry registry;
    private final Timer ack;
    private final Timer firstDelta;

    ChatMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.ack = Timer.builder("parley.chat.ack")
                .description("From a customer's message arriving to it being stored and acknowledged")
                .publishPercentileHistogram()
                .register(registry);
        this.firstDelta = Timer.builder("parley.chat.first.delta")
                .description("From the assistant starting a reply to its first piece reaching the customer")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** Held strongly: a gauge keeps only a weak reference to what it reads, and these lambdas have no other owner. */
    void gauges(Supplier<Number> activeConversations, Supplier<Number> unstoredMessages) {
        Gauge.builder("parley.chat.conversations.active", activeConversations)
                .description("Conversations held in memory on this node")
                .strongReference(true)
                .register(registry);
        Gauge.builder("parley.chat.journal.pending", unstoredMessages)
                .description("Messages handed to the journal and not yet stored")
                .strongReference(true)
                .register(registry);
    }

    void acknowledged(long sinceNanos) {
        ack.record(System.nanoTime() - sinceNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    void firstDelta(Duration took) {
        firstDelta.record(took);
    }

    void replied(String model, boolean fallback, Duration took) {
        Timer.builder("parley.chat.reply")
                .description("Whole replies, by model, and whether the fallback message was sent")
                .tag("model", model)
                .tag("outcome", fallback ? "fallback" : "answered")
                .register(registry)
                .record(took);
    }

    void rejected(SendRejectedException.Reason reason) {
        Counter.builder("parley.chat.rejected")
                .description("Customer messages refused, by reason")
                .tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry)
                .increment();
    }
}
