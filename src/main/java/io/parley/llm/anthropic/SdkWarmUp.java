package io.parley.llm.anthropic;

import com.anthropic.core.ObjectMappers;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.parley.llm.ChatMessage;
import io.parley.llm.Grounding;
import io.parley.llm.ModelRequest;
import io.parley.llm.Passage;
import io.parley.llm.Tool;
import io.parley.llm.ToolCall;
import io.parley.tenant.OrganizationId;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the SDK's classes for writing a Messages request and reading its events before the first customer's call
 * needs them, without any network. Kotlin, Jackson's Kotlin module and the SDK's generated models come to a few
 * thousand classes: on our 2-core build machine under load, a cold JVM's first call took 7 to 20 seconds, about two
 * thirds of it building, writing and reading these, against a chat timeout of about 10 seconds. What is left for
 * the first call is OkHttp and the SDK's HTTP layers.
 */
final class SdkWarmUp {

    private static final Logger log = LoggerFactory.getLogger(SdkWarmUp.class);

    /** One streamed reply that writes some text and then calls a tool, as Anthropic sends it. */
    private static final List<String> EVENTS = List.of(
            """
            {"type":"message_start","message":{"id":"msg_warm","type":"message","role":"assistant","content":[],\
            "model":"warm-up","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":9,\
            "cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}}""",
            """
            {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""",
            """
            {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Looking."}}""",
            """
            {"type":"content_block_stop","index":0}""",
            """
            {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_warm",\
            "name":"warm_up","input":{}}}""",
            """
            {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{}"}}""",
            """
            {"type":"content_block_stop","index":1}""",
            """
            {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},\
            "usage":{"output_tokens":5}}""",
            """
            {"type":"message_stop"}""");

    private SdkWarmUp() {}

    /** Runs once through building, writing and reading a call; false (and a debug line) when anything failed. */
    static boolean run() {
        try {
            JsonMapper json = ObjectMappers.jsonMapper();
            MessageCreateParams params = MessagesRequest.of("warm-up", request());
            json.writeValueAsBytes(params._body());
            MessageStream stream = new MessageStream(piece -> {}, new AnthropicFailures("warm-up", Clock.systemUTC()));
            for (String event : EVENTS) {
                stream.accept(json.readValue(event, RawMessageStreamEvent.class));
            }
            return stream.result().toolCalls().size() == 1;
        } catch (Exception | LinkageError e) {
            log.debug("Anthropic SDK warm-up failed ({}); the first call loads what it needs", e.getClass());
            return false;
        }
    }

    /** A request with every kind of part Parley sends: instructions, passages, a tool, its call and its result. */
    private static ModelRequest request() {
        Tool tool = new Tool("warm_up", "Warms up.", "{\"type\":\"object\",\"properties\":{}}", Tool.Kind.READ);
        ToolCall call = new ToolCall("toolu_warm", "warm_up", "{}");
        return new ModelRequest(
                new OrganizationId("warm-up"),
                "Warm up.",
                List.of(
                        ChatMessage.customer("Hello"),
                        new ChatMessage.Assistant("Looking.", List.of(call)),
                        new ChatMessage.ToolResult("toolu_warm", "warm_up", "{}", false)),
                List.of(tool),
                List.of(new Passage("p1", "Warm-up", null, "Warm.")),
                new Grounding("Warm-up", null, List.of(), List.of(), List.of(), null, "Warm."),
                16,
                Duration.ofSeconds(1));
    }
}
