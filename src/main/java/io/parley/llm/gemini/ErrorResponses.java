package io.parley.llm.gemini;

import io.parley.llm.RetryAfter;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * Turns every non-2xx answer into a {@link GeminiHttpError} before the SDK sees it. The SDK's own exception keeps
 * only the code, Google's status and the provider's message; the reason ({@code API_KEY_INVALID}) and the wait
 * Google asks for ({@code google.rpc.RetryInfo}, or a {@code Retry-After} header) would be lost, and the message is
 * exactly what must never reach a log. The body is read here for its codes only.
 */
final class ErrorResponses implements Interceptor {

    /** Google's error bodies are a few hundred bytes; a larger one is not an error body worth reading. */
    private static final long MAX_BODY = 64 * 1024;

    private static final Pattern PROTO_DURATION = Pattern.compile("(\\d{1,9})(\\.\\d{1,9})?s");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final JsonMapper json;
    private final Clock clock;

    ErrorResponses(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        if (response.isSuccessful()) {
            return response;
        }
        try (response) {
            JsonNode error = readError(response);
            throw new GeminiHttpError(
                    response.code(),
                    code(error.path("status")),
                    reason(error),
                    retryAfter(response.header("Retry-After"), error));
        }
    }

    private JsonNode readError(Response response) {
        try {
            JsonNode body = json.readTree(response.peekBody(MAX_BODY).string());
            return body == null ? MissingNode.getInstance() : body.path("error");
        } catch (IOException | JacksonException e) {
            // No readable body: the status alone decides.
            return MissingNode.getInstance();
        }
    }

    private static @Nullable String reason(JsonNode error) {
        for (JsonNode detail : error.path("details")) {
            if (detail.path("@type").asString("").endsWith("google.rpc.ErrorInfo")) {
                return code(detail.path("reason"));
            }
        }
        return null;
    }

    private @Nullable Duration retryAfter(@Nullable String header, JsonNode error) {
        if (header != null) {
            Optional<Duration> fromHeader = RetryAfter.parse(header, clock);
            if (fromHeader.isPresent()) {
                return fromHeader.get();
            }
        }
        for (JsonNode detail : error.path("details")) {
            if (detail.path("@type").asString("").endsWith("google.rpc.RetryInfo")) {
                return protoDuration(detail.path("retryDelay").asString("")).orElse(null);
            }
        }
        return null;
    }

    /** A canonical code such as {@code NOT_FOUND}; anything else a server put there is not kept. */
    private static @Nullable String code(JsonNode node) {
        String value = node.asString("");
        return CODE.matcher(value).matches() ? value : null;
    }

    /** A protobuf Duration in JSON, e.g. {@code "37s"} or {@code "1.5s"}; empty when unreadable. */
    static Optional<Duration> protoDuration(String value) {
        Matcher matcher = PROTO_DURATION.matcher(value.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        BigDecimal seconds = new BigDecimal(matcher.group(1) + (matcher.group(2) != null ? matcher.group(2) : ""));
        return Optional.of(Duration.ofNanos(seconds.movePointRight(9).longValueExact()));
    }
}
