package io.parley.testing;

import com.sun.net.httpserver.HttpExchange;
import io.parley.testing.GeminiScript.Cut;
import io.parley.testing.GeminiScript.Reply;
import io.parley.testing.GeminiScript.Usage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the Gemini API's wire format: for {@code streamGenerateContent?alt=sse}, one {@code data:} event per
 * {@code GenerateContentResponse}, each ending with a blank line ({@code \r\n\r\n}, as Google sends); without
 * {@code alt=sse}, one JSON array of them, streamed; for {@code generateContent}, one whole response. Errors are
 * Google's JSON error objects.
 */
final class GeminiWire {

    private static final String RESPONSE_ID = "scripted-response";
    /** Larger than any scripted body, so that closing early breaks the connection mid-body. */
    private static final long UNREACHABLE_LENGTH = 1 << 20;

    private final JsonMapper json;
    private final CountDownLatch closed;

    GeminiWire(JsonMapper json, CountDownLatch closed) {
        this.json = json;
        this.closed = closed;
    }

    void reply(HttpExchange exchange, Reply reply, RecordedGeminiRequest request)
            throws IOException, InterruptedException {
        List<String> pieces = split(reply.text(), reply.chunks());
        Usage usage = reply.usage() != null ? reply.usage() : estimate(reply.text(), request);
        if (!request.action().equals("streamGenerateContent")) {
            ObjectNode whole = response(textParts(reply.text()), reply.finishReason());
            if (reply.reportUsage()) {
                whole.set("usageMetadata", usage(usage, usage.candidates()));
            }
            send(exchange, request, 200, json.writeValueAsString(whole));
            return;
        }
        Events events = start(exchange, request, reply.cut() == Cut.DROP_CONNECTION);
        for (int i = 0; i < pieces.size(); i++) {
            if (reply.cut() != Cut.NONE && i == reply.cutAfter()) {
                break;
            }
            if (i > 0 && pause(reply)) {
                return;
            }
            boolean last = i == pieces.size() - 1 && reply.cut() == Cut.NONE;
            ObjectNode chunk = response(textParts(pieces.get(i)), last ? reply.finishReason() : null);
            if (reply.reportUsage()) {
                int soFar = Math.max(1, (int) ((long) usage.candidates() * (i + 1) / pieces.size()));
                chunk.set("usageMetadata", usage(usage, last ? usage.candidates() : soFar));
            }
            events.send(chunk);
        }
        switch (reply.cut()) {
            case STALL -> closed.await();
            case DROP_CONNECTION, END_EARLY -> exchange.close();
            case NONE -> events.end();
        }
    }

    void toolCalls(HttpExchange exchange, GeminiScript.ToolCalls script, RecordedGeminiRequest request)
            throws IOException {
        ArrayNode parts = json.createArrayNode();
        boolean first = true;
        for (GeminiScript.FunctionCall call : script.calls()) {
            ObjectNode part = parts.addObject();
            ObjectNode functionCall = part.putObject("functionCall");
            if (call.id() != null) {
                functionCall.put("id", call.id());
            }
            functionCall.put("name", call.name());
            functionCall.set("args", json.readTree(call.argumentsJson()));
            if (first) {
                // Thinking models sign the first call of a reply.
                part.put("thoughtSignature", "c2NyaXB0ZWQtc2lnbmF0dXJl");
                first = false;
            }
        }
        ObjectNode response = response(parts, "STOP");
        response.set("usageMetadata", usage(new Usage(40, 12, 0, 0), 12));
        if (!request.action().equals("streamGenerateContent")) {
            send(exchange, request, 200, json.writeValueAsString(response));
            return;
        }
        Events events = start(exchange, request, false);
        events.send(response);
        events.end();
    }

    void blocked(HttpExchange exchange, RecordedGeminiRequest request) throws IOException {
        ObjectNode response = json.createObjectNode();
        response.putObject("promptFeedback").put("blockReason", "SAFETY");
        response.set("usageMetadata", usage(new Usage(20, 0, 0, 0), 0));
        response.put("modelVersion", ScriptedGeminiServer.MODEL_VERSION).put("responseId", RESPONSE_ID);
        if (!request.action().equals("streamGenerateContent")) {
            send(exchange, request, 200, json.writeValueAsString(response));
            return;
        }
        Events events = start(exchange, request, false);
        events.send(response);
        events.end();
    }

    void errorInStream(HttpExchange exchange, RecordedGeminiRequest request) throws IOException {
        Events events = start(exchange, request, false);
        events.send(response(textParts("Hel"), null));
        events.raw(json.writeValueAsString(error(500, "INTERNAL", null, null)));
        exchange.close();
    }

    void malformed(HttpExchange exchange, RecordedGeminiRequest request) throws IOException {
        Events events = start(exchange, request, false);
        events.send(response(textParts("Hel"), null));
        events.raw("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"lo");
        events.end();
    }

    /** Google's JSON error for this script, with its headers. */
    void error(HttpExchange exchange, GeminiScript.Error script, RecordedGeminiRequest request) throws IOException {
        script.headers().forEach(exchange.getResponseHeaders()::set);
        ObjectNode body = error(script.code(), script.status(), script.reason(), script.retryDelay());
        send(
                exchange,
                request,
                script.code(),
                json.writerWithDefaultPrettyPrinter().writeValueAsString(body));
    }

    ObjectNode error(int code, String status, @Nullable String reason, @Nullable String retryDelay) {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putObject("error")
                .put("code", code)
                .put("message", GeminiScript.DETAIL + ": the scripted server says " + status)
                .put("status", status);
        ArrayNode details = json.createArrayNode();
        if (reason != null) {
            ObjectNode info = details.addObject()
                    .put("@type", "type.googleapis.com/google.rpc.ErrorInfo")
                    .put("reason", reason)
                    .put("domain", "googleapis.com");
            info.putObject("metadata").put("service", "generativelanguage.googleapis.com");
            details.addObject()
                    .put("@type", "type.googleapis.com/google.rpc.LocalizedMessage")
                    .put("locale", "en-US")
                    .put("message", GeminiScript.DETAIL + " in the localized message");
        }
        if (retryDelay != null) {
            details.addObject()
                    .put("@type", "type.googleapis.com/google.rpc.Help")
                    .putArray("links")
                    .addObject()
                    .put("description", GeminiScript.DETAIL + " rate limits")
                    .put("url", "https://ai.google.dev/gemini-api/docs/rate-limits");
            details.addObject()
                    .put("@type", "type.googleapis.com/google.rpc.RetryInfo")
                    .put("retryDelay", retryDelay);
        }
        if (!details.isEmpty()) {
            error.set("details", details);
        }
        return body;
    }

    void send(HttpExchange exchange, RecordedGeminiRequest request, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (body.startsWith("{") || body.startsWith("[")) {
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        OutputStream out = exchange.getResponseBody();
        out.write(bytes);
        out.flush();
        request.markFirstByte();
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

    private Events start(HttpExchange exchange, RecordedGeminiRequest request, boolean dropLater) throws IOException {
        exchange.getResponseHeaders()
                .set("Content-Type", request.sse() ? "text/event-stream" : "application/json; charset=UTF-8");
        exchange.getResponseHeaders().set("Vary", "Origin, X-Origin, Referer");
        exchange.sendResponseHeaders(200, dropLater ? UNREACHABLE_LENGTH : 0);
        return new Events(exchange.getResponseBody(), request);
    }

    private ObjectNode response(ArrayNode parts, @Nullable String finishReason) {
        ObjectNode response = json.createObjectNode();
        ObjectNode candidate = response.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.set("parts", parts);
        content.put("role", "model");
        if (finishReason != null) {
            candidate.put("finishReason", finishReason);
        }
        candidate.put("index", 0);
        response.put("modelVersion", ScriptedGeminiServer.MODEL_VERSION);
        response.put("responseId", RESPONSE_ID);
        return response;
    }

    private ArrayNode textParts(String text) {
        ArrayNode parts = json.createArrayNode();
        parts.addObject().put("text", text);
        return parts;
    }

    private ObjectNode usage(Usage usage, int candidates) {
        ObjectNode node = json.createObjectNode()
                .put("promptTokenCount", usage.prompt())
                .put("candidatesTokenCount", candidates)
                .put("totalTokenCount", usage.prompt() + candidates + usage.thoughts());
        if (usage.cached() > 0) {
            node.put("cachedContentTokenCount", usage.cached());
        }
        if (usage.thoughts() > 0) {
            node.put("thoughtsTokenCount", usage.thoughts());
        }
        node.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", usage.prompt());
        return node;
    }

    private static Usage estimate(String text, RecordedGeminiRequest request) {
        return new Usage(
                (int) Math.max(1, Math.ceilDiv(request.promptChars(), 4)),
                Math.max(1, Math.ceilDiv(text.length(), 4)),
                0,
                0);
    }

    /** Waits between chunks; true when the server closed meanwhile and the reply should stop. */
    private boolean pause(Reply reply) throws InterruptedException {
        return !reply.delay().isZero() && closed.await(reply.delay().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The events of one streamed answer: SSE {@code data:} events, or the elements of a JSON array. */
    private final class Events {
        private final OutputStream out;
        private final RecordedGeminiRequest request;
        private boolean first = true;

        Events(OutputStream out, RecordedGeminiRequest request) {
            this.out = out;
            this.request = request;
        }

        void send(ObjectNode response) throws IOException {
            raw(json.writeValueAsString(response));
        }

        void raw(String data) throws IOException {
            String framed;
            if (request.sse()) {
                framed = "data: " + data + "\r\n\r\n";
            } else {
                framed = (first ? "[" : ",\r\n") + data;
            }
            first = false;
            write(framed);
        }

        void end() throws IOException {
            if (!request.sse()) {
                write(first ? "[]" : "]");
            }
            out.close();
        }

        private void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            request.markFirstByte();
        }
    }
}
