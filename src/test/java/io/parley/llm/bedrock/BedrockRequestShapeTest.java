package io.parley.llm.bedrock;

import static io.parley.testing.ModelRequests.ask;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.llm.ChatMessage;
import io.parley.llm.DeltaSink;
import io.parley.llm.ModelRequest;
import io.parley.llm.Passage;
import io.parley.llm.ToolCall;
import io.parley.testing.ModelRequests;
import io.parley.testing.RecordedBedrockRequest;
import io.parley.testing.RecordedBedrockRequest.Message;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the adapter sends to Bedrock Runtime, as the stand-in received it from the real SDK. */
class BedrockRequestShapeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BedrockFixture bedrock = new BedrockFixture();

    @AfterEach
    void stop() {
        bedrock.close();
    }

    @Test
    void sendsTheInstructionsAndThePassagesAsTwoSeparateSystemBlocks() {
        ModelRequest request = ask("Do you ship to Texas?")
                .withPassages(List.of(new Passage("p1", "Shipping", null, "We ship to Texas in 3 days.")));

        bedrock.model(BedrockFixture.CLAUDE).generate(request, DeltaSink.IGNORE);

        List<String> system = bedrock.server.lastRequest().system();
        assertThat(system).hasSize(2);
        assertThat(system.get(0)).isEqualTo(ModelRequests.SYSTEM_PROMPT);
        assertThat(system.get(1)).contains("<passage id=\"p1\"", "We ship to Texas in 3 days.");
        assertThat(system.get(1)).doesNotContain(ModelRequests.SYSTEM_PROMPT);
    }

    @Test
    void sendsOnlyTheInstructionsWhenThereAreNoPassages() {
        bedrock.model(BedrockFixture.CLAUDE).generate(ask("Hi"), DeltaSink.IGNORE);

        assertThat(bedrock.server.lastRequest().system()).containsExactly(ModelRequests.SYSTEM_PROMPT);
    }

    @Test
    void sendsTheConversationInStrictlyAlternatingTurnsStartingWithTheCustomer() {
        ModelRequest request = ask("unused")
                .withMessages(List.of(
                        ChatMessage.assistant("Welcome! How can I help?"),
                        ChatMessage.customer("Hi"),
                        ChatMessage.customer("Do you ship to Texas?"),
                        ChatMessage.assistant("Yes."),
                        ChatMessage.customer("How long does it take?")));

        bedrock.model(BedrockFixture.CLAUDE).generate(request, DeltaSink.IGNORE);

        RecordedBedrockRequest received = bedrock.server.lastRequest();
        assertThat(received.messages())
                .containsExactly(
                        new Message("user", "HiDo you ship to Texas?"),
                        new Message("assistant", "Yes."),
                        new Message("user", "How long does it take?"));
        JsonNode twoParts = received.body().at("/messages/0/content");
        assertThat(twoParts.size()).as("one text block per customer message").isEqualTo(2);
    }

    @Test
    void sendsTheMaxOutputTokensAsInferenceConfigMaxTokens() {
        bedrock.model(BedrockFixture.CLAUDE).generate(ask("Hi").withMaxOutputTokens(321), DeltaSink.IGNORE);

        assertThat(bedrock.server
                        .lastRequest()
                        .body()
                        .at("/inferenceConfig/maxTokens")
                        .asInt())
                .isEqualTo(321);
    }

    @Test
    void sendsToolsAsToolSpecsWithTheirJsonSchema() {
        bedrock.model(BedrockFixture.CLAUDE)
                .generate(ask("Where is W1?").withTools(List.of(ModelRequests.FIND_ORDER)), DeltaSink.IGNORE);

        JsonNode spec = bedrock.server.lastRequest().body().at("/toolConfig/tools/0/toolSpec");
        assertThat(spec.path("name").asString()).isEqualTo("find_order");
        assertThat(spec.path("description").asString()).isEqualTo(ModelRequests.FIND_ORDER.description());
        assertThat(spec.at("/inputSchema/json")).isEqualTo(JSON.readTree(ModelRequests.FIND_ORDER.parameters()));
    }

    @Test
    void sendsNoToolConfigWithoutTools() {
        bedrock.model(BedrockFixture.CLAUDE).generate(ask("Hi"), DeltaSink.IGNORE);

        assertThat(bedrock.server.lastRequest().body().has("toolConfig")).isFalse();
    }

    @Test
    void sendsAToolCallAsToolUseAndAFailedResultAsAnErrorToolResultToClaude() {
        bedrock.model(BedrockFixture.CLAUDE).generate(toolRoundTrip(true), DeltaSink.IGNORE);

        JsonNode body = bedrock.server.lastRequest().body();
        JsonNode asked = body.at("/messages/1");
        assertThat(asked.path("role").asString()).isEqualTo("assistant");
        assertThat(asked.at("/content/0/text").asString()).isEqualTo("Let me look.");
        JsonNode toolUse = asked.at("/content/1/toolUse");
        assertThat(toolUse.path("toolUseId").asString()).isEqualTo("tooluse_1");
        assertThat(toolUse.path("name").asString()).isEqualTo("find_order");
        assertThat(toolUse.path("input")).isEqualTo(JSON.readTree("{\"order_id\":\"W1\"}"));
        JsonNode result = body.at("/messages/2");
        assertThat(result.path("role").asString()).isEqualTo("user");
        assertThat(result.at("/content/0/toolResult/toolUseId").asString()).isEqualTo("tooluse_1");
        assertThat(result.at("/content/0/toolResult/content/0/text").asString())
                .isEqualTo("{\"error\":\"no such order\"}");
        assertThat(result.at("/content/0/toolResult/status").asString()).isEqualTo("error");
    }

    @Test
    void marksASuccessfulResultAsSuccessForClaude() {
        bedrock.model(BedrockFixture.CLAUDE).generate(toolRoundTrip(false), DeltaSink.IGNORE);

        assertThat(bedrock.server
                        .lastRequest()
                        .body()
                        .at("/messages/2/content/0/toolResult/status")
                        .asString())
                .isEqualTo("success");
    }

    @Test
    void leavesTheStatusOutForLlamaWhichBedrockRefusesItFor() {
        bedrock.model(BedrockFixture.LLAMA).generate(toolRoundTrip(true), DeltaSink.IGNORE);

        JsonNode result = bedrock.server.lastRequest().body().at("/messages/2/content/0/toolResult");
        assertThat(result.path("toolUseId").asString()).isEqualTo("tooluse_1");
        assertThat(result.has("status")).isFalse();
    }

    @Test
    void sendsArgumentsThatAreNotAJsonObjectAsAnEmptyObject() {
        ModelRequest request = ask("Where is W1?")
                .withTools(List.of(ModelRequests.FIND_ORDER))
                .withMessages(List.of(
                        ChatMessage.customer("Where is W1?"),
                        new ChatMessage.Assistant("", List.of(new ToolCall("t1", "find_order", "{not json"))),
                        new ChatMessage.ToolResult("t1", "find_order", "{}", true)));

        bedrock.model(BedrockFixture.CLAUDE).generate(request, DeltaSink.IGNORE);

        JsonNode toolUse = bedrock.server.lastRequest().body().at("/messages/1/content/0/toolUse");
        assertThat(toolUse.path("input")).isEqualTo(JSON.readTree("{}"));
    }

    @Test
    void putsTheModelIdUrlEncodedInThePath() {
        bedrock.model(BedrockFixture.LLAMA).generate(ask("Hi"), DeltaSink.IGNORE);

        RecordedBedrockRequest received = bedrock.server.lastRequest();
        assertThat(received.rawPath()).isEqualTo("/model/meta.llama3-3-70b-instruct-v1%3A0/converse-stream");
        assertThat(received.modelId()).isEqualTo(BedrockFixture.LLAMA);
        assertThat(received.body().has("modelId"))
                .as("the id travels in the path only")
                .isFalse();
    }

    private static ModelRequest toolRoundTrip(boolean failed) {
        var call = new ToolCall("tooluse_1", "find_order", "{\"order_id\":\"W1\"}");
        return ask("Where is W1?")
                .withTools(List.of(ModelRequests.FIND_ORDER))
                .withMessages(List.of(
                        ChatMessage.customer("Where is W1?"),
                        new ChatMessage.Assistant("Let me look.", List.of(call)),
                        new ChatMessage.ToolResult(
                                "tooluse_1",
                                "find_order",
                                failed ? "{\"error\":\"no such order\"}" : "{\"status\":\"shipped\"}",
                                failed)));
    }
}
