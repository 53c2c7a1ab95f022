package io.parley.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A business's customer talking to Parley over the public REST API, as API.md describes it. */
final class Customers {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    Customers(URI base) {
        this.base = base;
    }

    record Chat(String conversationId, String visitorToken) {}

    Chat start(String siteKey) {
        return start(Map.of("siteKey", siteKey));
    }

    /** Starts a conversation as a verified customer: {@code customer} holds id, email, name and signature. */
    Chat start(String siteKey, Map<String, String> customer) {
        return start(Map.of("siteKey", siteKey, "customer", customer));
    }

    /** Sends a message and waits for the assistant's reply; returns the exchange. */
    JsonNode send(Chat chat, String message) {
        JsonNode answer = call(
                "/api/v1/conversations/" + chat.conversationId() + "/messages",
                Map.of("message", message),
                chat.visitorToken(),
                200);
        if (!answer.has("reply")) {
            throw new IllegalStateException("no reply in " + answer);
        }
        return answer;
    }

    /** Any other call: {@code method} with a JSON body, as the visitor or a member ({@code token}). */
    JsonNode call(String method, String path, Object body, String token, int expectedStatus) {
        return call(method, path, body, token, expectedStatus, true);
    }

    private Chat start(Map<String, Object> body) {
        JsonNode started = call("/api/v1/conversations/start", body, null, 201);
        return new Chat(
                started.get("conversationId").asString(),
                started.get("visitorToken").asString());
    }

    private JsonNode call(String path, Object body, String token, int expectedStatus) {
        return call("POST", path, body, token, expectedStatus, true);
    }

    private JsonNode call(String method, String path, Object body, String token, int expectedStatus, boolean json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
