package io.parley.conversation;

import io.parley.llm.ModelReply;
import io.parley.tenant.OrganizationId;
import io.parley.usage.ModelCall;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link UsageRecorder} that keeps what the engine reports, pricing every call at one cent. */
final class RecordedUsage implements UsageRecorder {

    record Call(
            OrganizationId organization,
            ConversationId conversation,
            MessageId message,
            ModelCall.Purpose purpose,
            ModelReply reply,
            Duration latency) {}

    final List<Call> calls = new CopyOnWriteArrayList<>();

    @Override
    public BigDecimal record(
            OrganizationId organization,
            ConversationId conversation,
            MessageId message,
            ModelCall.Purpose purpose,
            ModelReply reply,
            Duration latency) {
        calls.add(new Call(organization, conversation, message, purpose, reply, latency));
        return new BigDecimal("0.01");
    }

    List<Call> of(ModelCall.Purpose purpose) {
        return calls.stream().filter(call -> call.purpose() == purpose).toList();
    }
}
