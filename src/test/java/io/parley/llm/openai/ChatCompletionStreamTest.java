package io.parley.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.llm.ModelException;
import io.parley.llm.ModelReply.FinishReason;
import io.parley.llm.ModelReply.Usage;
import io.parley.llm.ToolCall;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ChatCompletionStreamTest {

    private final List<String> pieces = new ArrayList<>();

    private ChatCompletionStream.Result read(String sse) throws IOException {
        return new ChatCompletionStream(JsonMapper.builder().build(), pieces::add, "p")
                .read(new BufferedReader(new StringReader(sse)));
    }

    @Test
    void skipsCommentsBlankLinesAndOtherFields() throws IOException {
        var result = read(
                """
                : keep-alive

                event: message
                id: 1
                data: {"model":"m1","choices":[{"delta":{"role":"assistant","content":null}}]}

                data:{"choices":[{"delta":{"content":"Hi"}}],"error":null}
                data:
                data: {"choices":[{"delta":{"content":""}}]}
                data: {"choices":[{"delta":{"content":" you"},"finish_reason":"stop"}]}
                data: {"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2}}
                data: [DONE]
                """);

        assertThat(pieces).containsExactly("Hi", " you");
        assertThat(result)
                .isEqualTo(new ChatCompletionStream.Result(
                        "Hi you", List.of(), FinishReason.STOP, "m1", Usage.reported(3, 2)));
    }

    @Test
    void stopsReadingAtDone() throws IOException {
        var result = read(
                """
                data: {"choices":[{"delta":{"content":"A"}}]}
                data: [DONE]
                data: {"choices":[{"delta":{"content":"B"}}]}
                """);

        assertThat(result.text()).isEqualTo("A");
    }

    @Test
    void acceptsAFinishedStreamThatEndsWithoutDone() throws IOException {
        var result = read("data: {\"choices\":[{\"delta\":{\"content\":\"A\"},\"finish_reason\":\"length\"}]}\n");

        assertThat(result.text()).isEqualTo("A");
        assertThat(result.usage()).isNull();
    }

    @Test
    void rejectsAStreamThatEndsBeforeTheReplyIsComplete() {
        assertThatThrownBy(() -> read("data: {\"choices\":[{\"delta\":{\"content\":\"A\"}}]}\n"))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.kind())
                        .isEqualTo(ModelException.Kind.INVALID_RESPONSE));
    }

    @Test
    void rejectsAChunkThatIsNotAnObjectWithoutQuotingIt() {
        assertThatThrownBy(() -> read("data: [\"customer secret\"]\n"))
                .isInstanceOf(ModelException.class)
                .message()
                .doesNotContain("customer secret");
    }

    @Test
    void assemblesToolCallsFromTheirFragmentsInIndexOrder() throws IOException {
        var result = read(
                """
                data: {"choices":[{"delta":{"role":"assistant","tool_calls":[{"index":1,"id":"c2","type":"function","function":{"name":"second","arguments":""}}]}}]}
                data: {"choices":[{"delta":{"tool_calls":[{"index":0,"id":"c1","type":"function","function":{"name":"first","arguments":"{\\"a\\":"}}]}}]}
                data: {"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"1}"}}]}}]}
                data: {"choices":[{"delta":{"tool_calls":[{"index":1,"function":{"name":"second","arguments":"{}"}}]}}]}
                data: {"choices":[{"delta":{},"finish_reason":"tool_calls"}]}
                data: {"choices":[],"usage":{"prompt_tokens":30,"completion_tokens":9,"prompt_tokens_details":{"cached_tokens":20}}}
                data: [DONE]
                """);

        assertThat(pieces).isEmpty();
        assertThat(result.toolCalls())
                .containsExactly(new ToolCall("c1", "first", "{\"a\":1}"), new ToolCall("c2", "second", "{}"));
        assertThat(result.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(result.usage()).isEqualTo(new Usage(30, 9, 20, false));
    }
}
