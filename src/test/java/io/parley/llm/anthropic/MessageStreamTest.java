package io.parley.llm.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.core.ObjectMappers;
import com.anthropic.models.messages.RawMessageStreamEvent;
import io.parley.llm.ModelException;
import io.parley.llm.ModelReply.FinishReason;
import io.parley.llm.ModelReply.Usage;
import io.parley.llm.ToolCall;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events the stand-in does not send, read through the SDK's own parser as the adapter reads them. */
class MessageStreamTest {

    private static final String START =
            """
            {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],\
            "model":"claude-haiku-4-5-20251001","stop_reason":null,"stop_sequence":null,\
            "usage":{"input_tokens":10,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,\
            "output_tokens":1}}}""";
    private static final String STOP = "{\"type\":\"message_stop\"}";

    private final List<String> pieces = new ArrayList<>();
    private final MessageStream stream =
            new MessageStream(pieces::add, new AnthropicFailures("anthropic", Clock.systemUTC()));

    private boolean accept(String json) throws Exception {
        return stream.accept(ObjectMappers.jsonMapper().readValue(json, RawMessageStreamEvent.class));
    }

    @Test
    void takesTheLaterCountsWhenMessageDeltaReportsTheInputToo() throws Exception {
        accept(START);
        accept(
                """
                {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},\
                "usage":{"input_tokens":12,"cache_read_input_tokens":30,"cache_creation_input_tokens":5,\
                "output_tokens":7}}""");
        assertThat(accept(STOP)).as("message_stop ends the stream").isTrue();

        MessageStream.Result result = stream.result();

        assertThat(result.usage()).isEqualTo(new Usage(47, 7, 30, false));
        assertThat(result.model()).isEqualTo("claude-haiku-4-5-20251001");
        assertThat(result.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void skipsThinkingBlocksAndEventTypesItDoesNotKnow() throws Exception {
        accept(START);
        accept(
                """
                {"type":"content_block_start","index":0,\
                "content_block":{"type":"thinking","thinking":"","signature":""}}""");
        accept(
                """
                {"type":"content_block_delta","index":0,\
                "delta":{"type":"thinking_delta","thinking":"Let me think"}}""");
        accept(
                """
                {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"abc"}}""");
        accept("{\"type\":\"content_block_stop\",\"index\":0}");
        accept("{\"type\":\"some_future_event\",\"index\":0}");
        accept(
                """
                {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}""");
        accept(
                """
                {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Hello"}}""");
        accept(STOP);

        assertThat(pieces).containsExactly("Hello");
        assertThat(stream.result().text()).isEqualTo("Hello");
    }

    @Test
    void readsToolArgumentsSentWholeInTheOpeningBlock() throws Exception {
        accept(START);
        accept(
                """
                {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1",\
                "name":"find_order","input":{"order_id":"W1"}}}""");
        accept(STOP);

        MessageStream.Result result = stream.result();

        assertThat(result.toolCalls()).containsExactly(new ToolCall("toolu_1", "find_order", "{\"order_id\":\"W1\"}"));
        assertThat(result.finishReason()).as("no stop_reason, but a tool call").isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(result.usage()).isEqualTo(new Usage(10, 1, 0, false));
    }

    @Test
    void makesUpAnIdForAToolCallThatHasNone() throws Exception {
        accept(START);
        accept(
                """
                {"type":"content_block_start","index":2,\
                "content_block":{"type":"tool_use","name":"find_order","input":{}}}""");
        accept(STOP);

        assertThat(stream.result().toolCalls()).containsExactly(new ToolCall("call_2", "find_order", "{}"));
    }

    @Test
    void refusesArgumentsForABlockThatIsNotAToolCall() throws Exception {
        accept(START);
        accept(
                """
                {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""");

        assertThatThrownBy(
                        () -> accept(
                                """
                        {"type":"content_block_delta","index":0,\
                        "delta":{"type":"input_json_delta","partial_json":"{"}}"""))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.kind())
                        .isEqualTo(ModelException.Kind.INVALID_RESPONSE));
    }

    @Test
    void isAnInvalidResponseWithoutMessageStop() throws Exception {
        accept(START);

        assertThatThrownBy(stream::result).isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.kind())
                .isEqualTo(ModelException.Kind.INVALID_RESPONSE));
    }
}
