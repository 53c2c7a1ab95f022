package io.parley.llm.bedrock;

import static io.parley.testing.ModelRequests.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.llm.DeltaSink;
import io.parley.llm.LanguageModel;
import io.parley.llm.ModelException;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelReply.FinishReason;
import io.parley.llm.ModelRequest;
import io.parley.llm.Tokens;
import io.parley.llm.ToolCall;
import io.parley.testing.BedrockScript;
import io.parley.testing.ModelRequests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How replies come back: which operation serves which model, pieces, tool calls, finish reasons and usage. */
class BedrockRepliesTest {

    private final BedrockFixture bedrock = new BedrockFixture();

    @AfterEach
    void stop() {
        bedrock.close();
    }

    @Test
    void streamsEachPieceToTheSinkInOrder() {
        bedrock.server.script(BedrockScript.reply("Yes! We do ship").inChunks(5));
        List<String> pieces = new ArrayList<>();

        ModelReply reply = bedrock.model(BedrockFixture.LLAMA).generate(ask("Ship?"), pieces::add);

        assertThat(pieces).containsExactly("Yes", "! W", "e d", "o s", "hip");
        assertThat(reply.text()).isEqualTo("Yes! We do ship");
        assertThat(bedrock.server.lastRequest().operation()).isEqualTo("converse-stream");
    }

    @Test
    void deliversPiecesBeforeTheStreamEnds() throws Exception {
        bedrock.server.script(
                BedrockScript.reply("first second third").inChunks(3).stallAfter(2));
        LanguageModel model = bedrock.model(BedrockFixture.LLAMA);
        var twoPieces = new CountDownLatch(2);
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                model.generate(ask("Go"), piece -> twoPieces.countDown());
            } catch (ModelException expected) {
                // interrupted below, once the pieces have been seen
            }
        });

        assertThat(twoPieces.await(5, TimeUnit.SECONDS))
                .as("pieces reached the sink while the stream was still open")
                .isTrue();
        caller.interrupt();
        assertThat(caller.join(Duration.ofSeconds(5))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {BedrockFixture.LLAMA, BedrockFixture.LLAMA_PROFILE})
    void asksLlamaWithToolsThroughConverseAndHandsTheWholeTextToTheSink(String llama) {
        bedrock.server.script(BedrockScript.reply("Your order W1 has shipped.").withUsage(90, 7));
        List<String> pieces = new ArrayList<>();

        ModelReply reply = bedrock.model(llama)
                .generate(ask("Where is W1?").withTools(List.of(ModelRequests.FIND_ORDER)), pieces::add);

        assertThat(bedrock.server.lastRequest().operation()).isEqualTo("converse");
        assertThat(bedrock.server.lastRequest().modelId()).isEqualTo(llama);
        assertThat(pieces).containsExactly("Your order W1 has shipped.");
        assertThat(reply.text()).isEqualTo("Your order W1 has shipped.");
        assertThat(reply.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(reply.usage()).isEqualTo(ModelReply.Usage.reported(90, 7));
        assertThat(reply.model()).isEqualTo(llama);
    }

    @Test
    void readsLlamasToolCallFromConverse() {
        bedrock.server.script(BedrockScript.toolCall("tooluse_abc", "find_order", "{\"order_id\":\"W1\",\"n\":2}"));

        ModelReply reply = bedrock.model(BedrockFixture.LLAMA)
                .generate(ask("Where is W1?").withTools(List.of(ModelRequests.FIND_ORDER)), DeltaSink.IGNORE);

        assertThat(reply.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(reply.toolCalls())
                .containsExactly(new ToolCall("tooluse_abc", "find_order", "{\"order_id\":\"W1\",\"n\":2}"));
    }

    @Test
    void streamsLlamaWhenTheRequestOffersNoTools() {
        bedrock.model(BedrockFixture.LLAMA).generate(ask("Hi"), DeltaSink.IGNORE);

        assertThat(bedrock.server.lastRequest().operation()).isEqualTo("converse-stream");
    }

    @Test
    void streamsClaudeWithToolsAndAssemblesTheToolCallFromItsPieces() {
        bedrock.server.script(BedrockScript.toolCall("tooluse_xyz", "find_order", "{\"order_id\":\"W123\"}")
                .afterSaying("Let me look that up."));
        List<String> pieces = new ArrayList<>();

        ModelReply reply = bedrock.model(BedrockFixture.CLAUDE)
                .generate(ask("Where is W123?").withTools(List.of(ModelRequests.FIND_ORDER)), pieces::add);

        assertThat(bedrock.server.lastRequest().operation()).isEqualTo("converse-stream");
        assertThat(pieces).containsExactly("Let me look that up.");
        assertThat(reply.text()).isEqualTo("Let me look that up.");
        assertThat(reply.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(reply.toolCalls())
                .containsExactly(new ToolCall("tooluse_xyz", "find_order", "{\"order_id\":\"W123\"}"));
    }

    @Test
    void reportsCachedInputTokensWithinTheInputCount() {
        bedrock.server.script(BedrockScript.reply("Fine.").withUsage(new BedrockScript.Usage(100, 20, 300, 50)));

        ModelReply reply = bedrock.model(BedrockFixture.CLAUDE).generate(ask("How are you?"), DeltaSink.IGNORE);

        assertThat(reply.usage()).isEqualTo(new ModelReply.Usage(450, 20, 300, false));
        assertThat(reply.provider()).isEqualTo("bedrock");
        assertThat(reply.model()).isEqualTo(BedrockFixture.CLAUDE);
    }

    @Test
    void reportsCachedInputTokensFromConverseToo() {
        bedrock.server.script(BedrockScript.reply("Fine.").withUsage(new BedrockScript.Usage(100, 20, 300, 0)));

        ModelReply reply = bedrock.model(BedrockFixture.LLAMA)
                .generate(ask("How are you?").withTools(List.of(ModelRequests.FIND_ORDER)), DeltaSink.IGNORE);

        assertThat(reply.usage()).isEqualTo(new ModelReply.Usage(400, 20, 300, false));
    }

    @Test
    void countsUsageWithTheTokenizerWhenTheStreamReportsNone() {
        bedrock.server.script(BedrockScript.reply("Yes, we ship to Texas.").withoutUsage());
        ModelRequest request = ask("Do you ship to Texas?");

        ModelReply reply = bedrock.model(BedrockFixture.CLAUDE).generate(request, DeltaSink.IGNORE);

        assertThat(reply.usage().estimated()).isTrue();
        assertThat(reply.usage().outputTokens()).isEqualTo(Tokens.count("Yes, we ship to Texas."));
        assertThat(reply.usage().inputTokens()).isEqualTo(Tokens.countInput(request));
    }

    @Test
    void mapsMaxTokensAndContentFilteredStopReasons() {
        bedrock.server.script(
                BedrockScript.reply("Cut sh").withStopReason("max_tokens"),
                BedrockScript.reply("No.").withStopReason("content_filtered"));
        LanguageModel model = bedrock.model(BedrockFixture.CLAUDE);

        assertThat(model.generate(ask("a"), DeltaSink.IGNORE).finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
        assertThat(model.generate(ask("b"), DeltaSink.IGNORE).finishReason()).isEqualTo(FinishReason.CONTENT_FILTERED);
    }

    @Test
    void answersAgainAfterACallThatTimedOutMidStream() {
        LanguageModel model = bedrock.model(BedrockFixture.CLAUDE);
        // A first call opens the connection the stalled one reuses: cut short, it must not be handed out again.
        model.generate(ask("Warm up"), DeltaSink.IGNORE);
        bedrock.server.script(
                BedrockScript.reply("first second third").inChunks(3).stallAfter(1));
        List<String> pieces = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> model.generate(ask("Go").withTimeout(Duration.ofMillis(400)), pieces::add))
                .isInstanceOfSatisfying(
                        ModelException.class, e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.TIMEOUT));
        assertThat(pieces).as("the stalled stream had begun").containsExactly("first ");

        ModelReply reply = model.generate(ask("Again"), DeltaSink.IGNORE);

        assertThat(reply.text()).isEqualTo(BedrockScript.echoOf("Again"));
        assertThat(bedrock.server.requests()).hasSize(3);
    }

    @Test
    void sendsRequestsOverHttp11() {
        bedrock.model(BedrockFixture.CLAUDE).generate(ask("Hi"), DeltaSink.IGNORE);
        bedrock.model(BedrockFixture.LLAMA)
                .generate(ask("Hi").withTools(List.of(ModelRequests.FIND_ORDER)), DeltaSink.IGNORE);

        assertThat(bedrock.server.requests())
                .extracting(request -> request.operation() + " " + request.protocol())
                .containsExactly("converse-stream HTTP/1.1", "converse HTTP/1.1");
    }
}
