package io.parley.llm.openai;

import static io.parley.testing.ModelRequests.ask;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.llm.DeltaSink;
import io.parley.llm.LanguageModel;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelReply.FinishReason;
import io.parley.llm.ModelRequest;
import io.parley.llm.ToolCall;
import io.parley.testing.ModelRequests;
import io.parley.testing.RawOpenAiStreamServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Streams as OpenAI-compatible servers other than OpenAI send them (Ollama, vLLM, llama.cpp's server), each of which
 * must still come out as the right reply.
 */
class CompatibleServersTest {

    private final RawOpenAiStreamServer server = RawOpenAiStreamServer.start();
    private final OpenAiClient models = new OpenAiClient();
    private final LanguageModel model = models.model("local", server.baseUrl(), null, "llama3.2");
    private final ModelRequest request = ask("Where is my order W1?").withTools(List.of(ModelRequests.FIND_ORDER));

    @AfterEach
    void stop() {
        models.close();
        server.close();
    }

    private static String chunk(String choice) {
        return "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"llama3.2\",\"choices\":["
                + choice + "]}";
    }

    private static String delta(String delta, String finishReason) {
        return "{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finishReason + "}";
    }

    @Test
    void inventsAnIdForAToolCallThatCameWithout() {
        server.stream(
                chunk(delta(
                        "{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"find_order\",\"arguments\":\"\"}}]}",
                        "null")),
                chunk(delta(
                        "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"order_id\\\":\\\"W1\\\"}\"}}]}",
                        "null")),
                chunk(delta("{}", "\"tool_calls\"")));

        ModelReply reply = model.generate(request, DeltaSink.IGNORE);

        assertThat(reply.toolCalls()).containsExactly(new ToolCall("call_0", "find_order", "{\"order_id\":\"W1\"}"));
        assertThat(reply.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    }

    @Test
    void keepsOllamasCallsApartWhenTheyComeWithoutAnIndexOrAllWithIndexZero() {
        String first = "{\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"find_order\","
                + "\"arguments\":\"{\\\"order_id\\\":\\\"W1\\\"}\"}}";
        String second = "{\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"find_order\","
                + "\"arguments\":\"{\\\"order_id\\\":\\\"W2\\\"}\"}}";
        server.stream(
                chunk(delta("{\"tool_calls\":[" + first + "]}", "null")),
                chunk(delta("{\"tool_calls\":[" + second + "]}", "null")),
                chunk(delta("{}", "\"tool_calls\"")));
        server.stream(
                chunk(delta("{\"tool_calls\":[" + first.replace("{\"id\"", "{\"index\":0,\"id\"") + "]}", "null")),
                chunk(delta("{\"tool_calls\":[" + second.replace("{\"id\"", "{\"index\":0,\"id\"") + "]}", "null")),
                chunk(delta("{}", "\"tool_calls\"")));
        List<ToolCall> expected = List.of(
                new ToolCall("call_a", "find_order", "{\"order_id\":\"W1\"}"),
                new ToolCall("call_b", "find_order", "{\"order_id\":\"W2\"}"));

        assertThat(model.generate(request, DeltaSink.IGNORE).toolCalls()).isEqualTo(expected);
        assertThat(model.generate(request, DeltaSink.IGNORE).toolCalls()).isEqualTo(expected);
    }

    @Test
    void takesTheNameOnceWhenEveryFragmentRepeatsIt() {
        server.stream(
                chunk(delta(
                        "{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":"
                                + "{\"name\":\"find_order\",\"arguments\":\"{\\\"order_id\\\":\"}}]}",
                        "null")),
                chunk(delta(
                        "{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"find_order\",\"arguments\":\"\\\"W1\\\"}\"}}]}",
                        "null")),
                chunk(delta("{}", "\"tool_calls\"")));

        assertThat(model.generate(request, DeltaSink.IGNORE).toolCalls())
                .containsExactly(new ToolCall("call_1", "find_order", "{\"order_id\":\"W1\"}"));
    }

    @Test
    void keepsTheFinishReasonWhenUsageComesInTheSameChunk() {
        // llama.cpp's server before mid-2025 put usage into the chunk with the finish reason.
        server.stream(
                chunk(delta("{\"role\":\"assistant\",\"content\":\"It has \"}", "null")),
                chunk(delta("{\"content\":\"shipped.\"}", "null")),
                chunk(delta("{}", "\"stop\""))
                        .replace(
                                "]}",
                                "],\"usage\":{\"prompt_tokens\":21,\"completion_tokens\":4,"
                                        + "\"total_tokens\":25},\"timings\":{\"prompt_n\":21,\"predicted_per_second\":41.5}}"));

        ModelReply reply = model.generate(request, DeltaSink.IGNORE);

        assertThat(reply.text()).isEqualTo("It has shipped.");
        assertThat(reply.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(reply.usage()).isEqualTo(ModelReply.Usage.reported(21, 4));
    }

    @Test
    void readsUsageInEveryChunkKeepingTheLast() {
        // vLLM with continuous_usage_stats.
        server.stream(
                chunk(delta("{\"content\":\"Yes.\"}", "null"))
                        .replace(
                                "]}", "],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":1,\"total_tokens\":10}}"),
                chunk(delta("{}", "\"stop\""))
                        .replace(
                                "]}",
                                "],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2,\"total_tokens\":11}}"));

        ModelReply reply = model.generate(request, DeltaSink.IGNORE);

        assertThat(reply.text()).isEqualTo("Yes.");
        assertThat(reply.usage()).isEqualTo(ModelReply.Usage.reported(9, 2));
    }

    @Test
    void ignoresFieldsOpenAiDoesNotSend() {
        // vLLM's reasoning_content and stop_reason, Ollama's reasoning, llama.cpp's timings.
        server.stream(
                chunk(delta("{\"role\":\"assistant\",\"reasoning_content\":\"thinking\",\"reasoning\":\"r\"}", "null")),
                chunk("{\"index\":0,\"delta\":{\"content\":\"Sure.\"},\"finish_reason\":null,\"stop_reason\":null}"),
                chunk(delta("{}", "\"stop\"")).replace("]}", "],\"timings\":{\"predicted_n\":2}}"));
        List<String> pieces = new ArrayList<>();

        ModelReply reply = model.generate(request, pieces::add);

        assertThat(pieces).containsExactly("Sure.");
        assertThat(reply.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(reply.usage().estimated()).as("no usage sent").isTrue();
    }

    @Test
    void sendsMaxTokensNotMaxCompletionTokens() {
        server.stream(chunk(delta("{\"content\":\"Hi.\"}", "\"stop\"")));

        model.generate(request.withMaxOutputTokens(77), DeltaSink.IGNORE);

        assertThat(server.bodies().getLast()).contains("\"max_tokens\":77").doesNotContain("max_completion_tokens");
    }
}
