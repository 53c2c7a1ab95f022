package io.parley.testing;

import com.sun.net.httpserver.HttpExchange;
import io.parley.testing.BedrockScript.Cut;
import io.parley.testing.BedrockScript.Reply;
import io.parley.testing.BedrockScript.Usage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes Bedrock Runtime's wire format: for ConverseStream, {@code application/vnd.amazon.eventstream} messages
 * (prelude of total length, headers length and their CRC32; string headers {@code :event-type},
 * {@code :content-type}, {@code :message-type}; a JSON payload; the CRC32 of all that), one flushed per event; for
 * Converse and errors, one JSON body.
 */
final class BedrockWire {

    static final String EVENT_STREAM = "application/vnd.amazon.eventstream";
    /** The suffix AWS puts after the error type in {@code x-amzn-ErrorType}. */
    private static final String ERROR_TYPE_SUFFIX = ":http://internal.amazon.com/coral/com.amazon.bedrock/";
    /** Larger than any scripted body, so that closing early breaks the connection mid-body. */
    private static final long UNREACHABLE_LENGTH = 1 << 20;
    /** Header value type 7: a string with a two-byte length. */
    private static final byte STRING_HEADER = 7;

    private final JsonMapper json;
    private final CountDownLatch closed;

    BedrockWire(JsonMapper json, CountDownLatch closed) {
        this.json = json;
        this.closed = closed;
    }

    void stream(HttpExchange exchange, Reply reply, RecordedBedrockRequest request)
            throws IOException, InterruptedException {
        OutputStream out = startStream(exchange, reply.cut() == Cut.DROP_CONNECTION);
        event(out, request, "messageStart", json.createObjectNode().put("role", "assistant"));
        List<String> pieces = split(reply.text(), reply.pieces());
        for (int i = 0; i < pieces.size(); i++) {
            if (reply.cut() != Cut.NONE && i == reply.cutAfter()) {
                break;
            }
            if (i > 0 && pause(reply.delay())) {
                return;
            }
            event(out, request, "contentBlockDelta", textDelta(0, pieces.get(i)));
        }
        switch (reply.cut()) {
            case STALL -> closed.await();
            case DROP_CONNECTION, END_EARLY -> exchange.close();
            case NONE -> {
                event(out, request, "contentBlockStop", json.createObjectNode().put("contentBlockIndex", 0));
                event(out, request, "messageStop", stop(reply.stopReason() != null ? reply.stopReason() : "end_turn"));
                if (reply.reportUsage()) {
                    event(out, request, "metadata", metadata(usage(reply, request)));
                }
                exchange.close();
            }
        }
    }

    void streamToolCall(HttpExchange exchange, BedrockScript.ToolCallReply call, RecordedBedrockRequest request)
            throws IOException {
        OutputStream out = startStream(exchange, false);
        event(out, request, "messageStart", json.createObjectNode().put("role", "assistant"));
        int index = 0;
        if (!call.text().isEmpty()) {
            event(out, request, "contentBlockDelta", textDelta(index, call.text()));
            event(out, request, "contentBlockStop", json.createObjectNode().put("contentBlockIndex", index));
            index++;
        }
        ObjectNode start = json.createObjectNode().put("contentBlockIndex", index);
        start.putObject("start")
                .putObject("toolUse")
                .put("toolUseId", call.id())
                .put("name", call.name());
        event(out, request, "contentBlockStart", start);
        for (String piece : split(call.arguments(), 2)) {
            ObjectNode delta = json.createObjectNode().put("contentBlockIndex", index);
            delta.putObject("delta").putObject("toolUse").put("input", piece);
            event(out, request, "contentBlockDelta", delta);
        }
        event(out, request, "contentBlockStop", json.createObjectNode().put("contentBlockIndex", index));
        event(out, request, "messageStop", stop("tool_use"));
        event(out, request, "metadata", metadata(new Usage(40, 12, 0, 0)));
        exchange.close();
    }

    void exceptionInStream(HttpExchange exchange, String exceptionType, RecordedBedrockRequest request)
            throws IOException {
        OutputStream out = startStream(exchange, false);
        event(out, request, "messageStart", json.createObjectNode().put("role", "assistant"));
        event(out, request, "contentBlockDelta", textDelta(0, "Hel"));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":exception-type", exceptionType);
        headers.put(":content-type", "application/json");
        headers.put(":message-type", "exception");
        ObjectNode payload =
                json.createObjectNode().put("message", "The model stopped. " + BedrockScript.PROVIDER_DETAIL);
        write(out, request, frame(headers, json.writeValueAsBytes(payload)));
        exchange.close();
    }

    void malformedStream(HttpExchange exchange, RecordedBedrockRequest request) throws IOException {
        OutputStream out = startStream(exchange, false);
        event(out, request, "contentBlockDelta", textDelta(0, "Hel"));
        byte[] broken = eventFrame("contentBlockDelta", json.writeValueAsBytes(textDelta(0, "lo")));
        broken[broken.length - 1] ^= 0x5A;
        write(out, request, broken);
        exchange.close();
    }

    /** Converse's answer: the whole message, its stop reason and usage. */
    void whole(HttpExchange exchange, Reply reply, RecordedBedrockRequest request) throws IOException {
        ObjectNode body = json.createObjectNode();
        ObjectNode message = body.putObject("output").putObject("message").put("role", "assistant");
        message.putArray("content").addObject().put("text", reply.text());
        body.put("stopReason", reply.stopReason() != null ? reply.stopReason() : "end_turn");
        if (reply.reportUsage()) {
            body.set("usage", usageNode(usage(reply, request)));
        }
        body.putObject("metrics").put("latencyMs", 42);
        send(exchange, request, 200, json.writeValueAsString(body), Map.of());
    }

    void wholeToolCall(HttpExchange exchange, BedrockScript.ToolCallReply call, RecordedBedrockRequest request)
            throws IOException {
        ObjectNode body = json.createObjectNode();
        ObjectNode message = body.putObject("output").putObject("message").put("role", "assistant");
        var content = message.putArray("content");
        if (!call.text().isEmpty()) {
            content.addObject().put("text", call.text());
        }
        ObjectNode toolUse = content.addObject().putObject("toolUse");
        toolUse.put("toolUseId", call.id()).put("name", call.name());
        toolUse.set("input", json.readTree(call.arguments()));
        body.put("stopReason", "tool_use");
        body.set("usage", usageNode(new Usage(40, 12, 0, 0)));
        send(exchange, request, 200, json.writeValueAsString(body), Map.of());
    }

    void failure(HttpExchange exchange, BedrockScript.Failure failure, RecordedBedrockRequest request)
            throws IOException {
        Map<String, String> headers = new LinkedHashMap<>(failure.headers());
        headers.put("x-amzn-ErrorType", failure.type() + ERROR_TYPE_SUFFIX);
        String body = json.writeValueAsString(json.createObjectNode().put("message", failure.message()));
        send(exchange, request, failure.status(), body, headers);
    }

    void send(
            HttpExchange exchange, RecordedBedrockRequest request, int status, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("x-amzn-RequestId", "scripted-request");
        headers.forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        write(exchange.getResponseBody(), request, bytes);
        exchange.close();
    }

    /** One event-stream message of type {@code event}. */
    byte[] eventFrame(String eventType, byte[] payload) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":event-type", eventType);
        headers.put(":content-type", "application/json");
        headers.put(":message-type", "event");
        return frame(headers, payload);
    }

    /**
     * One event-stream message: total length, headers length, CRC32 of those eight bytes, the headers (name length
     * byte, name, type 7, value length in two bytes, value), the payload, and the CRC32 of everything before it.
     */
    static byte[] frame(Map<String, String> headers, byte[] payload) {
        var encoded = new ByteArrayOutputStream();
        headers.forEach((name, value) -> {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            encoded.write(n.length);
            encoded.writeBytes(n);
            encoded.write(STRING_HEADER);
            encoded.write((v.length >> 8) & 0xFF);
            encoded.write(v.length & 0xFF);
            encoded.writeBytes(v);
        });
        byte[] headerBytes = encoded.toByteArray();
        int total = 12 + headerBytes.length + payload.length + 4;
        ByteBuffer frame = ByteBuffer.allocate(total);
        frame.putInt(total).putInt(headerBytes.length);
        frame.putInt(crc(frame.array(), 0, 8));
        frame.put(headerBytes).put(payload);
        frame.putInt(crc(frame.array(), 0, total - 4));
        return frame.array();
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

    private OutputStream startStream(HttpExchange exchange, boolean breakMidBody) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", EVENT_STREAM);
        exchange.getResponseHeaders().set("x-amzn-RequestId", "scripted-request");
        exchange.sendResponseHeaders(200, breakMidBody ? UNREACHABLE_LENGTH : 0);
        return exchange.getResponseBody();
    }

    private void event(OutputStream out, RecordedBedrockRequest request, String type, ObjectNode payload)
            throws IOException {
        // Bedrock pads each event with a "p" member of varying length so that sizes do not leak the text.
        payload.put("p", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123");
        write(out, request, eventFrame(type, json.writeValueAsBytes(payload)));
    }

    private static void write(OutputStream out, RecordedBedrockRequest request, byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        request.markFirstByte();
    }

    private ObjectNode textDelta(int index, String text) {
        ObjectNode delta = json.createObjectNode().put("contentBlockIndex", index);
        delta.putObject("delta").put("text", text);
        return delta;
    }

    private ObjectNode stop(String reason) {
        return json.createObjectNode().put("stopReason", reason);
    }

    private ObjectNode metadata(Usage usage) {
        ObjectNode metadata = json.createObjectNode();
        metadata.set("usage", usageNode(usage));
        metadata.putObject("metrics").put("latencyMs", 42);
        return metadata;
    }

    private ObjectNode usageNode(Usage usage) {
        ObjectNode node = json.createObjectNode()
                .put("inputTokens", usage.inputTokens())
                .put("outputTokens", usage.outputTokens())
                .put(
                        "totalTokens",
                        usage.inputTokens()
                                + usage.outputTokens()
                                + usage.cacheReadInputTokens()
                                + usage.cacheWriteInputTokens());
        if (usage.cacheReadInputTokens() > 0 || usage.cacheWriteInputTokens() > 0) {
            node.put("cacheReadInputTokens", usage.cacheReadInputTokens());
            node.put("cacheWriteInputTokens", usage.cacheWriteInputTokens());
        }
        return node;
    }

    private static Usage usage(Reply reply, RecordedBedrockRequest request) {
        if (reply.usage() != null) {
            return reply.usage();
        }
        long promptChars = request.system().stream().mapToLong(String::length).sum()
                + request.messages().stream()
                        .mapToLong(message -> message.text().length())
                        .sum();
        return new Usage(Math.ceilDiv(promptChars, 4), Math.ceilDiv(reply.text().length(), 4), 0, 0);
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /** Waits between pieces; true when the server closed meanwhile and the reply should stop. */
    private boolean pause(Duration delay) throws InterruptedException {
        return !delay.isZero() && closed.await(delay.toNanos(), TimeUnit.NANOSECONDS);
    }
}
