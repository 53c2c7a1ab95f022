package io.parley.testing;

import com.sun.net.httpserver.HttpExchange;
import io.parley.testing.AnthropicScript.Cut;
import io.parley.testing.AnthropicScript.Reply;
import io.parley.testing.AnthropicScript.ToolCallReply;
import io.parley.testing.AnthropicScript.Usage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes Anthropic's Messages API wire format: server-sent events ({@code event: <type>} and {@code data: <json>}
 * per event) for streams, and {@code {"type":"error","error":{…}}} JSON for failed requests. The shapes follow the
 * API reference and are what the official Java SDK's model classes read.
 */
final class AnthropicWire {

    private static final String MESSAGE_ID = "msg_scripted";
    /** Larger than any scripted body, so that closing early breaks the connection mid-body. */
    private static final long UNREACHABLE_LENGTH = 1 << 20;

    private final JsonMapper json;
    private final CountDownLatch closed;

    AnthropicWire(JsonMapper json, CountDownLatch closed) {
        this.json = json;
        this.closed = closed;
    }

    void stream(HttpExchange exchange, Reply reply, RecordedAnthropicRequest request)
            throws IOException, InterruptedException {
        streamHeaders(exchange, reply.cut() == Cut.DROP_CONNECTION ? UNREACHABLE_LENGTH : 0);
        OutputStream out = exchange.getResponseBody();
        Usage usage = reply.usage() != null ? reply.usage() : estimate(reply.text(), request);
        event(out, request, messageStart(reply.reportUsage() ? usage : null));
        event(
                out,
                request,
                blockStart(0, json.createObjectNode().put("type", "text").put("text", "")));
        event(out, request, json.createObjectNode().put("type", "ping"));
        List<String> pieces = split(reply.text(), reply.chunks());
        for (int i = 0; i < pieces.size(); i++) {
            if (reply.cut() != Cut.NONE && i == reply.cutAfter()) {
                break;
            }
            if (i > 0 && pause(reply.delay())) {
                return;
            }
            event(
                    out,
                    request,
                    delta(0, json.createObjectNode().put("type", "text_delta").put("text", pieces.get(i))));
        }
        switch (reply.cut()) {
            case STALL -> closed.await();
            case DROP_CONNECTION, END_EARLY -> exchange.close();
            case ERROR_EVENT -> {
                line(out, request, "event: error\ndata: " + AnthropicScript.errorBody(reply.errorType()) + "\n\n");
                exchange.close();
            }
            case NONE -> {
                event(
                        out,
                        request,
                        json.createObjectNode()
                                .put("type", "content_block_stop")
                                .put("index", 0));
                end(out, request, reply.stopReason(), reply.reportUsage() ? usage : null);
                exchange.close();
            }
        }
    }

    void streamToolCall(HttpExchange exchange, ToolCallReply call, RecordedAnthropicRequest request)
            throws IOException {
        streamHeaders(exchange, 0);
        OutputStream out = exchange.getResponseBody();
        event(out, request, messageStart(new Usage(40, 1, 0, 0)));
        int index = 0;
        if (!call.textBefore().isEmpty()) {
            event(
                    out,
                    request,
                    blockStart(
                            index, json.createObjectNode().put("type", "text").put("text", "")));
            event(
                    out,
                    request,
                    delta(
                            index,
                            json.createObjectNode().put("type", "text_delta").put("text", call.textBefore())));
            event(
                    out,
                    request,
                    json.createObjectNode().put("type", "content_block_stop").put("index", index));
            index++;
        }
        ObjectNode toolUse = json.createObjectNode()
                .put("type", "tool_use")
                .put("id", call.id())
                .put("name", call.name());
        toolUse.putObject("input");
        event(out, request, blockStart(index, toolUse));
        List<String> fragments = new ArrayList<>();
        fragments.add("");
        fragments.addAll(split(call.arguments(), 2));
        for (String fragment : fragments) {
            event(
                    out,
                    request,
                    delta(
                            index,
                            json.createObjectNode()
                                    .put("type", "input_json_delta")
                                    .put("partial_json", fragment)));
        }
        event(
                out,
                request,
                json.createObjectNode().put("type", "content_block_stop").put("index", index));
        end(out, request, "tool_use", new Usage(40, 12, 0, 0));
        exchange.close();
    }

    void malformed(HttpExchange exchange, RecordedAnthropicRequest request) throws IOException {
        streamHeaders(exchange, 0);
        OutputStream out = exchange.getResponseBody();
        event(out, request, messageStart(new Usage(10, 1, 0, 0)));
        event(
                out,
                request,
                blockStart(0, json.createObjectNode().put("type", "text").put("text", "")));
        event(
                out,
                request,
                delta(0, json.createObjectNode().put("type", "text_delta").put("text", "Hel")));
        line(out, request, "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"de\n\n");
        end(out, request, "end_turn", new Usage(10, 2, 0, 0));
        exchange.close();
    }

    void send(HttpExchange exchange, int status, String body, RecordedAnthropicRequest request) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (body.startsWith("{")) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        exchange.getResponseHeaders().set("request-id", "req_scripted");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            OutputStream out = exchange.getResponseBody();
            out.write(bytes);
            out.flush();
            request.markFirstByte();
        }
        exchange.close();
    }

    /** Splits text into up to {@code count} pieces of about equal length, never inside a surrogate pair. */
    static List<String> split(String text, int count) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= count && start < text.length(); i++) {
            int end = i == count ? text.length() : Math.max(start + 1, text.length() * i / count);
            if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
                end++;
            }
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }

    private void streamHeaders(HttpExchange exchange, long length) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.getResponseHeaders().set("request-id", "req_scripted");
        exchange.sendResponseHeaders(200, length);
    }

    private ObjectNode messageStart(Usage usage) {
        ObjectNode message = json.createObjectNode()
                .put("id", MESSAGE_ID)
                .put("type", "message")
                .put("role", "assistant")
                .put("model", ScriptedAnthropicServer.MODEL);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        if (usage != null) {
            message.putObject("usage")
                    .put("input_tokens", usage.inputTokens())
                    .put("cache_creation_input_tokens", usage.cacheCreationInputTokens())
                    .put("cache_read_input_tokens", usage.cacheReadInputTokens())
                    .put("output_tokens", 1);
        }
        ObjectNode event = json.createObjectNode().put("type", "message_start");
        event.set("message", message);
        return event;
    }

    private ObjectNode blockStart(int index, ObjectNode block) {
        ObjectNode event =
                json.createObjectNode().put("type", "content_block_start").put("index", index);
        event.set("content_block", block);
        return event;
    }

    private ObjectNode delta(int index, ObjectNode delta) {
        ObjectNode event =
                json.createObjectNode().put("type", "content_block_delta").put("index", index);
        event.set("delta", delta);
        return event;
    }

    /** {@code message_delta} with the stop reason and the output count, then {@code message_stop}. */
    private void end(OutputStream out, RecordedAnthropicRequest request, String stopReason, Usage usage)
            throws IOException {
        ObjectNode messageDelta = json.createObjectNode().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
        if (usage != null) {
            messageDelta.putObject("usage").put("output_tokens", usage.outputTokens());
        }
        event(out, request, messageDelta);
        event(out, request, json.createObjectNode().put("type", "message_stop"));
    }

    private static Usage estimate(String reply, RecordedAnthropicRequest request) {
        long promptChars = request.system().stream().mapToLong(String::length).sum()
                + request.messages().stream()
                        .mapToLong(message -> message.text().length())
                        .sum();
        return new Usage(Math.max(1, Math.ceilDiv(promptChars, 4)), Math.max(1, Math.ceilDiv(reply.length(), 4)), 0, 0);
    }

    private void event(OutputStream out, RecordedAnthropicRequest request, ObjectNode event) throws IOException {
        String type = event.path("type").asString();
        line(out, request, "event: " + type + "\ndata: " + json.writeValueAsString(event) + "\n\n");
    }

    private static void line(OutputStream out, RecordedAnthropicRequest request, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        request.markFirstByte();
    }

    /** Waits between pieces; true when the server closed meanwhile and the reply should stop. */
    private boolean pause(Duration delay) throws InterruptedException {
        return !delay.isZero() && closed.await(delay.toNanos(), TimeUnit.NANOSECONDS);
    }
}
