package io.parley.actions;

import io.parley.conversation.ToolResult;
import io.parley.conversation.ToolRun;
import io.parley.outbound.HttpResult;
import io.parley.outbound.OutboundException;
import io.parley.outbound.OutboundRequest;
import io.parley.outbound.SafeHttpClient;
import io.parley.security.SecretBox;
import io.parley.tenant.OrganizationId;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes one call of an action: fills its address, sends its stored headers, an {@code Idempotency-Key} for a write and
 * the signed identity headers, through its own {@link SafeHttpClient} (the operator's allowed networks, the actions'
 * own deadline and size cap), and turns whatever happens into a {@link ToolResult}: never an exception. Header values
 * and arguments are never logged. Thread-safe.
 */
final class ActionCaller implements AutoCloseable {

    static final String CONVERSATION = "X-Parley-Conversation";
    static final String CUSTOMER = "X-Parley-Customer";
    static final String TIMESTAMP = "X-Parley-Timestamp";
    static final String SIGNATURE = "X-Parley-Signature";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int ERROR_EXCERPT = 300;

    private static final Logger log = LoggerFactory.getLogger(ActionCaller.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SafeHttpClient http;
    private final SecretBox secrets;
    private final BiFunction<OrganizationId, String, String> signer;
    private final Clock clock;
    private final long maxResponseBytes;

    /**
     * @param signer {@code hex(HMAC-SHA256(organization's customer secret, text))}
     */
    ActionCaller(
            SafeHttpClient http,
            SecretBox secrets,
            BiFunction<OrganizationId, String, String> signer,
            Clock clock,
            DataSize maxResponseBytes) {
        this.http = http;
        this.secrets = secrets;
        this.signer = signer;
        this.clock = clock;
        this.maxResponseBytes = maxResponseBytes.toBytes();
    }

    ToolResult call(StoredAction action, ToolRun run) {
        long started = System.nanoTime();
        OutboundRequest request;
        try {
            request = request(action, run);
        } catch (MissingArgumentException e) {
            return new ToolResult.Failed(e.getMessage());
        } catch (IllegalArgumentException e) {
            return new ToolResult.Failed("The arguments do not make a valid address for this action.");
        }
        try {
            HttpResult answer = http.send(request);
            log.info(
                    "action {} of organization {} answered {} in {} ms",
                    action.name(),
                    action.organization(),
                    answer.status(),
                    (System.nanoTime() - started) / 1_000_000);
            return result(answer);
        } catch (OutboundException e) {
            log.info("action {} of organization {} failed: {}", action.name(), action.organization(), e.kind());
            return failure(e);
        } catch (RuntimeException e) {
            log.warn("action {} of organization {} could not be run", action.name(), action.organization(), e);
            return new ToolResult.Failed("The action could not be run.");
        }
    }

    OutboundRequest request(StoredAction action, ToolRun run) {
        UrlTemplate template = UrlTemplate.parse(action.url()).template().orElseThrow();
        ObjectNode rest = (ObjectNode) run.arguments().deepCopy();
        Map<String, String> placeholders = new LinkedHashMap<>();
        for (String name : template.placeholders()) {
            JsonNode value = rest.remove(name);
            if (value == null || value.isNull()) {
                throw new MissingArgumentException(name);
            }
            placeholders.put(name, text(value));
        }
        boolean inQuery = action.method().equals("GET") || action.method().equals("DELETE");
        Map<String, String> query = new LinkedHashMap<>();
        if (inQuery) {
            rest.properties().forEach(field -> {
                if (!field.getValue().isNull()) {
                    query.put(field.getKey(), text(field.getValue()));
                }
            });
        }
        URI url = template.expand(placeholders::get, query);

        Map<String, String> headers = new LinkedHashMap<>();
        action.sealedHeaders().forEach((name, locked) -> headers.put(name, secrets.open(locked)));
        byte[] body = null;
        if (!inQuery) {
            body = rest.toString().getBytes(StandardCharsets.UTF_8);
            if (headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Content-Type"))) {
                headers.put("Content-Type", "application/json");
            }
        }
        if (headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Accept"))) {
            headers.put("Accept", "application/json");
        }
        if (action.writes()) {
            headers.put(IDEMPOTENCY_KEY, run.idempotencyKey());
        }
        headers.putAll(identity(run));
        return new OutboundRequest(action.method(), url, headers, body);
    }

    /**
     * The signed identity headers: {@code v1=hex(HMAC-SHA256(secret, timestamp + "." + conversation + "." +
     * customer))}, an absent conversation or customer signed as the empty string.
     */
    Map<String, String> identity(ToolRun run) {
        String conversation =
                run.conversation() == null ? "" : run.conversation().toString();
        String customer = run.customer() == null ? "" : run.customer();
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        if (!conversation.isEmpty()) {
            headers.put(CONVERSATION, conversation);
        }
        if (!customer.isEmpty()) {
            headers.put(CUSTOMER, customer);
        }
        headers.put(TIMESTAMP, timestamp);
        headers.put(
                SIGNATURE, "v1=" + signer.apply(run.organization(), timestamp + "." + conversation + "." + customer));
        return headers;
    }

    private static ToolResult result(HttpResult answer) {
        String text = new String(answer.body(), StandardCharsets.UTF_8);
        if (!answer.isSuccess()) {
            String excerpt = text.length() > ERROR_EXCERPT ? text.substring(0, ERROR_EXCERPT) : text;
            return new ToolResult.Failed(("The service answered " + answer.status() + ": " + excerpt.strip()).strip());
        }
        if (text.isBlank()) {
            return new ToolResult.Done(
                    JSON.createObjectNode().put("status", answer.status()).toString());
        }
        if (isJson(answer.contentType())) {
            try {
                return new ToolResult.Done(JSON.readTree(text).toString());
            } catch (JacksonException e) {
                // Said JSON, is not: the model still reads it as text.
            }
        }
        return new ToolResult.Done(JSON.writeValueAsString(text));
    }

    private ToolResult failure(OutboundException e) {
        return new ToolResult.Failed(
                switch (e.kind()) {
                    case BLOCKED_ADDRESS -> "The action's address is not allowed.";
                    case TIMEOUT -> "The service did not answer in time.";
                    case TOO_LARGE -> "The answer was larger than " + readable(maxResponseBytes) + ".";
                    default -> "The service could not be reached: " + e.getMessage() + ".";
                });
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("application/json") || type.contains("+json");
    }

    private static String text(JsonNode value) {
        return value.isString() ? value.asString() : value.toString();
    }

    static String readable(long bytes) {
        long mb = DataSize.ofMegabytes(1).toBytes();
        long kb = DataSize.ofKilobytes(1).toBytes();
        if (bytes >= mb && bytes % mb == 0) {
            return bytes / mb + " MB";
        }
        if (bytes >= kb && bytes % kb == 0) {
            return bytes / kb + " KB";
        }
        return bytes + " bytes";
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    private static final class MissingArgumentException extends IllegalArgumentException {
        MissingArgumentException(String name) {
            super("The argument " + name + " is missing.", null);
        }
    }
}
