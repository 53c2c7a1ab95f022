package io.parley.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small client of Parley's REST API over real HTTP, for tests. */
public final class ParleyApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();

    public ParleyApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A response: status, headers and the body parsed as JSON (a missing node when empty). */
    public record Response(int status, JsonNode body, java.net.http.HttpHeaders headers) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** A freshly signed-up organization with its owner's access token. */
    public record Organization(String accessToken, String id, String siteKey, String email) {}

    /** A customer's conversation and the visitor token that opens it. */
    public record Visit(String conversationId, String visitorToken) {}

    public Organization signUp(String name) {
        String email = "owner-" + UUID.randomUUID() + "@example.com";
        Response r = call(
                "POST",
                "/api/v1/auth/signup",
                null,
                Map.of("email", email, "password", "correct horse battery staple", "organizationName", name));
        if (r.status() != 201) {
            throw new AssertionError("signup failed: " + r);
        }
        return new Organization(
                r.body().path("accessToken").asString(),
                r.body().path("organization").path("id").asString(),
                r.body().path("organization").path("siteKey").asString(),
                email);
    }

    public Response saveProfile(Organization org, Map<String, Object> profile) {
        return call("PUT", "/api/v1/admin/organization/profile", org.accessToken(), profile);
    }

    public Visit startConversation(String siteKey) {
        Response r = call("POST", "/api/v1/conversations/start", null, Map.of("siteKey", siteKey));
        if (r.status() != 201) {
            throw new AssertionError("start failed: " + r);
        }
        return new Visit(
                r.body().path("conversationId").asString(),
                r.body().path("visitorToken").asString());
    }

    public Response send(Visit visit, String message, String clientMessageId) {
        return call(
                "POST",
                "/api/v1/conversations/" + visit.conversationId() + "/messages",
                visit.visitorToken(),
                clientMessageId == null
                        ? Map.of("message", message)
                        : Map.of("message", message, "clientMessageId", clientMessageId));
    }

    public Response get(String path, String bearer) {
        return call("GET", path, bearer, null);
    }

    /** Uploads a file as {@code multipart/form-data}, in the part named {@code part}. */
    public Response upload(
            String path, String bearer, String part, String fileName, String contentType, byte[] content) {
        String boundary = "parley-" + UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n";
        body.writeBytes(head.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return call(
                "POST",
                path,
                bearer,
                body.toByteArray(),
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
    }

    /** Any call; {@code body} is sent as JSON (a String is sent as it is). */
    public Response call(String method, String path, String bearer, Object body) {
        return call(method, path, bearer, body, Map.of());
    }

    public Response call(String method, String path, String bearer, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else if (body instanceof byte[] bytes) {
            request.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        } else {
            request.header("Content-Type", "application/json");
            String json = body instanceof String text ? text : JSON.writeValueAsString(body);
            request.method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = response.body() == null || response.body().isBlank()
                    ? JSON.missingNode()
                    : JSON.readTree(response.body());
            return new Response(response.statusCode(), parsed, response.headers());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
