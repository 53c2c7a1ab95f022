package io.parley.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.llm.ChatMessage;
import io.parley.llm.DeltaSink;
import io.parley.llm.Grounding;
import io.parley.llm.LanguageModel;
import io.parley.llm.ModelCapabilities;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelRequest;
import io.parley.llm.Passage;
import io.parley.llm.ToolCall;
import io.parley.tenant.OrganizationId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RedactingLanguageModelTest {

    @Test
    void masksTheCustomerSideAndPassesTheBusinessesOwnWordsUnchanged() {
        AtomicReference<ModelRequest> seen = new AtomicReference<>();
        LanguageModel delegate = new LanguageModel() {
            @Override
            public String id() {
                return "fake";
            }

            @Override
            public ModelCapabilities capabilities() {
                return ModelCapabilities.STREAMING_WITH_TOOLS;
            }

            @Override
            public ModelReply generate(ModelRequest request, DeltaSink sink) {
                seen.set(request);
                return null;
            }
        };
        ToolCall lookup = new ToolCall("c1", "find_orders", "{\"email\":\"[email]\"}");
        ModelRequest request = ModelRequest.of(
                        OrganizationId.generate(),
                        "Write to help@shop.example.",
                        List.of(
                                ChatMessage.customer("I'm ann@mail.com"),
                                new ChatMessage.Assistant("Thanks ann@mail.com!", List.of(lookup)),
                                new ChatMessage.ToolResult(
                                        "c1", "find_orders", "{\"phone\":\"+1 415-555-0132\"}", false)),
                        new Grounding("Shop", null, List.of(), List.of(), List.of(), null, "Sorry"),
                        Duration.ofSeconds(5))
                .withPassages(List.of(new Passage("p1", "Contact", null, "Call us: +1 415-555-0100")));

        new RedactingLanguageModel(delegate, new Redactor()).generate(request, DeltaSink.IGNORE);

        ModelRequest masked = seen.get();
        assertThat(masked.systemPrompt()).isEqualTo("Write to help@shop.example.");
        assertThat(masked.passages()).isEqualTo(request.passages());
        assertThat(masked.messages())
                .containsExactly(
                        ChatMessage.customer("I'm [email]"),
                        new ChatMessage.Assistant("Thanks [email]!", List.of(lookup)),
                        new ChatMessage.ToolResult("c1", "find_orders", "{\"phone\":\"[phone]\"}", false));
    }
}
