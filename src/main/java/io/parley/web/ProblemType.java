package io.parley.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Every kind of error Parley reports, each with a stable {@code type} URI, status and title (RFC 9457). Details are
 * written for the person who will read them and never hold internals.
 */
public enum ProblemType {
    VALIDATION_FAILED(400, "validation-failed", "The request is not valid"),
    MALFORMED_REQUEST(400, "malformed-request", "The request could not be read"),
    INVALID_FRAME(400, "invalid-frame", "The frame is not valid JSON"),
    UNKNOWN_ACTION(400, "unknown-action", "Unknown action"),
    MESSAGE_TOO_LONG(400, "message-too-long", "The message is too long"),
    WEAK_PASSWORD(400, "weak-password", "The password is too weak"),
    UNAUTHORIZED(401, "unauthorized", "Authentication required"),
    INVALID_CREDENTIALS(401, "invalid-credentials", "Wrong email or password"),
    FORBIDDEN(403, "forbidden", "Not allowed"),
    ORIGIN_NOT_ALLOWED(403, "origin-not-allowed", "This website may not open the chat"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "No acceptable representation"),
    EMAIL_TAKEN(409, "email-taken", "This email is already registered"),
    CONFLICT(409, "conflict", "Conflict"),
    LAST_OWNER(409, "last-owner", "An organization needs an owner"),
    LINK_EXPIRED(410, "link-expired", "This link has expired or was already used"),
    CONVERSATION_TAKEN(409, "conversation-taken", "Someone else is handling this conversation"),
    NOT_RESOLVED(409, "not-resolved", "The conversation is not resolved"),
    FRAME_TOO_LARGE(413, "frame-too-large", "The frame is too large"),
    REQUEST_TOO_LARGE(413, "request-too-large", "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    MODEL_TEST_FAILED(422, "model-test-failed", "The model did not answer the test"),
    TOOL_FAILED(422, "tool-failed", "The tool did not do it"),
    RATE_LIMITED(429, "rate-limited", "Too many messages"),
    TOO_MANY_CONVERSATIONS(429, "too-many-conversations", "Too many conversations started"),
    TOO_MANY_LOGIN_ATTEMPTS(429, "too-many-login-attempts", "Too many failed sign-in attempts"),
    TOO_MANY_SIGN_UPS(429, "too-many-sign-ups", "Too many sign-ups from this address"),
    INTERNAL_ERROR(500, "internal-error", "Something went wrong on our side"),
    UNAVAILABLE(503, "unavailable", "Temporarily unavailable");

    /** Problem type URIs are relative to the server; each one is documented at that address. */
    public static final String BASE = "/problems/";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public URI uri() {
        return URI.create(BASE + slug);
    }

    /** An exception that the problem handler renders as this problem with the given detail. */
    public ProblemException exception(String detail) {
        return new ProblemException(this, detail, List.of(), null);
    }

    /** A 429 or 503 telling the client when to try again. */
    public ProblemException exception(String detail, Duration retryAfter) {
        return new ProblemException(this, detail, List.of(), retryAfter);
    }
}
