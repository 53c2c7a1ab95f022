package io.parley.testing;

import com.sun.net.httpserver.HttpExchange;
import io.parley.testing.OpenAiScript.Cut;
import io.parley.testing.OpenAiScript.Reply;
import io.parley.testing.OpenAiScript.Usage;
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

/** Writes OpenAI's chat-completions wire format: SSE chunks for streams, one JSON object otherwise. */
final class OpenAiWire {

    private static final String ID = "chatcmpl-scripted";
    /** Larger than any scripted body, so that closing early breaks the connection mid-body. */
    private static final long UNREACHABLE_LENGTH = 1 << 20;

    private final JsonMapper json;
    private final CountDownLatch closed;

    OpenAiWire(JsonMapper json, CountDownLatch closed) {
        this.json = json;
        this.closed = closed;
    }

    void stream(HttpExchange exchange, Reply reply, RecordedOpenAiRequest request)
            throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, reply.cut() == Cut.DROP_CONNECTION ? UNREACHABLE_LENGTH : 0);
        OutputStream out = exchange.getResponseBody();
        event(out, chunk(delta("role", "assistant"), null));
        List<String> pieces = split(reply.text(), reply.chunks());
        for (int i = 0; i < pieces.size(); i++) {
            if (reply.cut() != Cut.NONE && i == reply.cutAfter()) {
                break;
            }
            if (i > 0 && pause(reply.delay())) {
                return;
            }
            event(out, chunk(delta("content", pieces.get(i)), null));
        }
        switch (reply.cut()) {
            case STALL -> closed.await();
            case DROP_CONNECTION, END_EARLY -> exchange.close();
            case NONE -> {
                event(out, chunk(json.createObjectNode(), "stop"));
                if (reply.reportUsage() && request.includeUsage()) {
                    ObjectNode usage = chunk(null, null);
                    usage.set("usage", usage(reply, request));
                    event(out, usage);
                }
                line(out, "data: [DONE]\n\n");
                exchange.close();
            }
        }
    }

    void streamToolCall(HttpExchange exchange, OpenAiScript.ToolCallReply call, RecordedOpenAiRequest request)
            throws IOException {
        streamHeaders(exchange);
        OutputStream out = exchange.getResponseBody();
        event(out, chunk(delta("role", "assistant"), null));
        ObjectNode first = json.createObjectNode();
        ObjectNode fragment = first.putArray("tool_calls").addObject().put("index", 0);
        fragment.put("id", call.id()).put("type", "function");
        fragment.putObject("function").put("name", call.name()).put("arguments", "");
        event(out, chunk(first, null));
        for (String piece : split(call.arguments(), 2)) {
            ObjectNode next = json.createObjectNode();
            next.putArray("tool_calls")
                    .addObject()
                    .put("index", 0)
                    .putObject("function")
                    .put("arguments", piece);
            event(out, chunk(next, null));
        }
        event(out, chunk(json.createObjectNode(), "tool_calls"));
        if (request.includeUsage()) {
            ObjectNode usage = chunk(null, null);
            usage.set(
                    "usage",
                    json.createObjectNode()
                            .put("prompt_tokens", 40)
                            .put("completion_tokens", 12)
                            .put("total_tokens", 52));
            event(out, usage);
        }
        line(out, "data: [DONE]\n\n");
        exchange.close();
    }

    void whole(HttpExchange exchange, Reply reply, RecordedOpenAiRequest request) throws IOException {
        ObjectNode body = json.createObjectNode()
                .put("id", ID)
                .put("object", "chat.completion")
                .put("created", 0)
                .put("model", request.model());
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", reply.text());
        choice.put("finish_reason", "stop");
        body.set("usage", usage(reply, request));
        send(exchange, 200, json.writeValueAsString(body));
    }

    void malformed(HttpExchange exchange) throws IOException {
        streamHeaders(exchange);
        OutputStream out = exchange.getResponseBody();
        event(out, chunk(delta("content", "Hel"), null));
        line(out, "data: {\"choices\":[{\"delta\":{\"content\":\"lo\n\n");
        line(out, "data: [DONE]\n\n");
        exchange.close();
    }

    void errorInStream(HttpExchange exchange) throws IOException {
        streamHeaders(exchange);
        OutputStream out = exchange.getResponseBody();
        event(out, chunk(delta("content", "Hel"), null));
        line(out, "data: {\"error\":{\"message\":\"PROVIDER-DETAIL overloaded\",\"type\":\"server_error\"}}\n\n");
        exchange.close();
    }

    void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (body.startsWith("{")) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
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

    private void streamHeaders(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
    }

    private ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = json.createObjectNode()
                .put("id", ID)
                .put("object", "chat.completion.chunk")
                .put("created", 0)
                .put("model", ScriptedOpenAiServer.MODEL);
        var choices = chunk.putArray("choices");
        if (delta != null) {
            ObjectNode choice = choices.addObject().put("index", 0);
            choice.set("delta", delta);
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    private ObjectNode delta(String field, String value) {
        return json.createObjectNode().put(field, value);
    }

    private ObjectNode usage(Reply reply, RecordedOpenAiRequest request) {
        Usage usage = reply.usage() != null ? reply.usage() : estimate(reply, request);
        return json.createObjectNode()
                .put("prompt_tokens", usage.promptTokens())
                .put("completion_tokens", usage.completionTokens())
                .put("total_tokens", usage.promptTokens() + usage.completionTokens());
    }

    private static Usage estimate(Reply reply, RecordedOpenAiRequest request) {
        long promptChars = request.messages().stream()
                .mapToLong(message -> message.content().length())
                .sum();
        return new Usage(Math.ceilDiv(promptChars, 4), Math.ceilDiv(reply.text().length(), 4));
    }

    private void event(OutputStream out, ObjectNode chunk) throws IOException {
        line(out, "data: " + json.writeValueAsString(chunk) + "\n\n");
    }

    private static void line(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Waits between chunks; true when the server closed meanwhile and the reply should stop. */
    private boolean pause(Duration delay) throws InterruptedException {
        return !delay.isZero() && closed.await(delay.toNanos(), TimeUnit.NANOSECONDS);
    }
}
