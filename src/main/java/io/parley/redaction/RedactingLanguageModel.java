package io.parley.redaction;

import io.parley.llm.ChatMessage;
import io.parley.llm.DeltaSink;
import io.parley.llm.LanguageModel;
import io.parley.llm.ModelCapabilities;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelRequest;
import java.util.List;

/**
 * A model that sees the customer side of each request masked: customer messages, the assistant's earlier text (which
 * may quote them) and tool results (an order's email or phone). The system prompt and knowledge passages are the
 * business's own words and pass unchanged, so the assistant can still give the business's own contact details.
 * Tool-call arguments pass unchanged: they are JSON an adapter may parse, and the model wrote them from text it saw
 * masked. Thread-safe.
 */
final class RedactingLanguageModel implements LanguageModel {

    private final LanguageModel delegate;
    private final Redactor redactor;

    RedactingLanguageModel(LanguageModel delegate, Redactor redactor) {
        this.delegate = delegate;
        this.redactor = redactor;
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public ModelCapabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public ModelReply generate(ModelRequest request, DeltaSink sink) {
        List<ChatMessage> masked = request.messages().stream().map(this::mask).toList();
        return delegate.generate(request.withMessages(masked), sink);
    }

    private ChatMessage mask(ChatMessage message) {
        return switch (message) {
            case ChatMessage.Customer customer -> new ChatMessage.Customer(redactor.mask(customer.text()));
            case ChatMessage.Assistant assistant ->
                assistant.text().isEmpty()
                        ? assistant
                        : new ChatMessage.Assistant(redactor.mask(assistant.text()), assistant.toolCalls());
            case ChatMessage.ToolResult result ->
                new ChatMessage.ToolResult(
                        result.toolCallId(), result.toolName(), redactor.mask(result.content()), result.failed());
        };
    }
}
