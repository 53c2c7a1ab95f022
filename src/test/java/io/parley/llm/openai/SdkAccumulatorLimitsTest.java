package io.parley.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.core.ObjectMappers;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletionChunk;
import org.junit.jupiter.api.Test;

/**
 * Why {@link StreamedReply} assembles tool calls itself instead of using the SDK's {@code ChatCompletionAccumulator}:
 * these are the streams of compatible servers the accumulator cannot take. When an SDK upgrade makes one of them
 * fail, the accumulator may be worth another look.
 */
class SdkAccumulatorLimitsTest {

    private static final JsonMapper JSON = ObjectMappers.jsonMapper();

    private static ChatCompletionChunk chunk(String choice, String extra) throws Exception {
        return JSON.readValue(
                "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":["
                        + choice + "]" + extra + "}",
                ChatCompletionChunk.class);
    }

    @Test
    void leavesAToolCallWithoutAnIdUnreadable() throws Exception {
        var accumulator = ChatCompletionAccumulator.create();
        accumulator.accumulate(chunk(
                "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}",
                ""));
        accumulator.accumulate(chunk("{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}", ""));

        var call = accumulator
                .chatCompletion()
                .choices()
                .getFirst()
                .message()
                .toolCalls()
                .orElseThrow()
                .getFirst();
        assertThatThrownBy(() -> call.asFunction().id()).isInstanceOf(OpenAIInvalidDataException.class);
    }

    @Test
    void failsOnAToolCallWithoutAnIndex() throws Exception {
        var accumulator = ChatCompletionAccumulator.create();

        assertThatThrownBy(() -> accumulator.accumulate(chunk(
                        "{\"index\":0,\"delta\":{\"tool_calls\":[{\"id\":\"a\",\"type\":\"function\","
                                + "\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}",
                        "")))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void mergesCallsThatShareAnIndex() throws Exception {
        var accumulator = ChatCompletionAccumulator.create();
        for (String id : new String[] {"a", "b"}) {
            accumulator.accumulate(chunk(
                    "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"" + id + "\",\"type\":\"function\","
                            + "\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"x\\\":1}\"}}]}}",
                    ""));
        }
        accumulator.accumulate(chunk("{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}", ""));

        var calls = accumulator
                .chatCompletion()
                .choices()
                .getFirst()
                .message()
                .toolCalls()
                .orElseThrow();
        assertThat(calls).hasSize(1);
        assertThat(calls.getFirst().asFunction().function().arguments()).isEqualTo("{\"x\":1}{\"x\":1}");
    }

    @Test
    void dropsTheFinishReasonOfAChunkThatAlsoCarriesUsage() throws Exception {
        var accumulator = ChatCompletionAccumulator.create();
        accumulator.accumulate(chunk("{\"index\":0,\"delta\":{\"content\":\"Hi\"}}", ""));

        assertThatThrownBy(() -> {
                    accumulator.accumulate(chunk(
                            "{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}",
                            ",\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}"));
                    accumulator.chatCompletion().choices();
                })
                .isInstanceOf(IllegalStateException.class);
    }
}
