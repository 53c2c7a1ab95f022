package io.parley.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.conversation.ConversationId;
import io.parley.conversation.ToolResult;
import io.parley.conversation.ToolRun;
import io.parley.llm.Tool;
import io.parley.outbound.OutboundProperties;
import io.parley.outbound.SafeHttpClient;
import io.parley.security.SecretBox;
import io.parley.tenant.OrganizationId;
import io.parley.testing.LocalSite;
import io.parley.testing.TestSecrets;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls of an action against a real HTTP server on this machine: what is sent (address, query, body, headers, the
 * signature), what comes back, and every way a call can fail without an exception: refused addresses, a server that
 * never answers, one that answers too much, one that answers an error.
 */
class ActionCallerTest {

    private static final String ORG_SECRET = "4f1c9e0b7a2d4e8f9a1b2c3d4e5f60718293a4b5c6d7e8f9011223344556677";
    private static final OrganizationId ORG = OrganizationId.generate();
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LocalSite site = new LocalSite();
    private final SecretBox secrets = TestSecrets.box();
    private final List<ActionCaller> callers = new ArrayList<>();
    private final ActionCaller caller = caller(List.of("127.0.0.1/32"), Duration.ofSeconds(5));
    private final ActionCaller publicOnly = caller(List.of(), Duration.ofSeconds(5));

    @AfterEach
    void close() throws Exception {
        site.close();
        for (ActionCaller each : callers) {
            each.close();
        }
    }

    @Test
    void aReadFillsThePathPutsTheOtherArgumentsInTheQueryAndSignsWhoIsAsking() throws Exception {
        AtomicReference<String> query = new AtomicReference<>();
        AtomicReference<String> path = new AtomicReference<>();
        site.route("/bookings/", exchange -> {
            path.set(exchange.getRequestURI().getRawPath());
            query.set(exchange.getRequestURI().getRawQuery());
            LocalSite.respond(
                    exchange,
                    200,
                    "application/json",
                    "{\"code\":\"AB 12\",\"table\":7}".getBytes(StandardCharsets.UTF_8));
        });
        StoredAction action = action(
                "look_up_booking",
                Tool.Kind.READ,
                "GET",
                address("/bookings/{code}"),
                Map.of("Authorization", "Bearer s3cr3t-token-value"));
        ConversationId conversation = ConversationId.generate();

        ToolResult result = caller.call(
                action,
                run(action, "{\"code\":\"AB 12/x\",\"name\":\"Zoë & co\",\"people\":4}", conversation, "cust-42"));

        assertThat(result).isEqualTo(new ToolResult.Done("{\"code\":\"AB 12\",\"table\":7}"));
        assertThat(path.get()).isEqualTo("/bookings/AB%2012%2Fx");
        assertThat(query.get()).isEqualTo("name=Zo%C3%AB%20%26%20co&people=4");
        Map<String, List<String>> headers = site.requestHeaders().getFirst();
        assertThat(headers.get("Authorization")).containsExactly("Bearer s3cr3t-token-value");
        assertThat(headers.get("X-parley-conversation")).containsExactly(conversation.toString());
        assertThat(headers.get("X-parley-customer")).containsExactly("cust-42");
        assertThat(headers.get("X-parley-timestamp")).containsExactly("1748779200");
        assertThat(headers).doesNotContainKey("Idempotency-key");
        String signed = "1748779200." + conversation + ".cust-42";
        assertThat(headers.get("X-parley-signature")).containsExactly("v1=" + hmac(ORG_SECRET, signed));
        assertThat(verifies(headers)).isTrue();
    }

    @Test
    void aWriteSendsTheRemainingArgumentsAsJsonWithTheIdempotencyKeyAndNoCustomerWhenThereIsNone() throws Exception {
        AtomicReference<String> body = new AtomicReference<>();
        AtomicReference<String> method = new AtomicReference<>();
        site.route("/bookings/", exchange -> {
            method.set(exchange.getRequestMethod());
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            LocalSite.respond(exchange, 201, "text/plain", "Booked".getBytes(StandardCharsets.UTF_8));
        });
        StoredAction action = action("change_booking", Tool.Kind.WRITE, "PATCH", address("/bookings/{code}"), Map.of());

        ToolResult result =
                caller.call(action, run(action, "{\"code\":\"AB12\",\"people\":5,\"note\":\"window\"}", null, null));

        assertThat(result).isEqualTo(new ToolResult.Done("\"Booked\""));
        assertThat(method.get()).isEqualTo("PATCH");
        assertThat(JSON.readTree(body.get())).isEqualTo(JSON.readTree("{\"people\":5,\"note\":\"window\"}"));
        Map<String, List<String>> headers = site.requestHeaders().getFirst();
        assertThat(headers.get("Content-type")).containsExactly("application/json");
        assertThat(headers.get("Idempotency-key")).containsExactly("key-1");
        assertThat(headers).doesNotContainKeys("X-parley-customer", "X-parley-conversation");
        assertThat(headers.get("X-parley-signature")).containsExactly("v1=" + hmac(ORG_SECRET, "1748779200.."));
    }

    @Test
    void anErrorStatusFailsWithTheStatusAndTheStartOfWhatTheServiceSaid() {
        site.page("/fail", 500, "text/plain", "Database down " + "x".repeat(400));
        StoredAction action =
                action("fails", Tool.Kind.READ, "GET", site.url("/fail").toString(), Map.of());

        ToolResult result = caller.call(action, run(action, "{}", null, null));

        assertThat(result).isInstanceOf(ToolResult.Failed.class);
        String message = ((ToolResult.Failed) result).message();
        assertThat(message).startsWith("The service answered 500: Database down xxx");
        assertThat(message).hasSize("The service answered 500: ".length() + 300);
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aServiceThatNeverAnswersFailsAtTheDeadline() {
        site.route("/silent", exchange -> site.hang());
        ActionCaller impatient = caller(List.of("127.0.0.1/32"), Duration.ofMillis(300));
        StoredAction action =
                action("silent", Tool.Kind.READ, "GET", site.url("/silent").toString(), Map.of());

        assertThat(impatient.call(action, run(action, "{}", null, null)))
                .isEqualTo(new ToolResult.Failed("The service did not answer in time."));
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anAnswerOfTenMegabytesIsCutOffAndFails() {
        site.route("/huge", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0); // chunked: the size shows only while it streams
            OutputStream out = exchange.getResponseBody();
            byte[] block = new byte[64 * 1024];
            java.util.Arrays.fill(block, (byte) 'a');
            for (int i = 0; i < 160; i++) {
                out.write(block);
            }
        });
        StoredAction action =
                action("huge", Tool.Kind.READ, "GET", site.url("/huge").toString(), Map.of());

        assertThat(caller.call(action, run(action, "{}", null, null)))
                .isEqualTo(new ToolResult.Failed("The answer was larger than 256 KB."));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:%d/data",
                "http://169.254.169.254/latest/meta-data/",
                "http://localhost:%d/data",
                "http://[::1]:%d/data",
                "http://10.0.0.5/admin"
            })
    void refusesPrivateAddressesWithoutTheOperatorsAllowList(String address) {
        site.page("/data", 200, "application/json", "{\"internal\":true}");
        StoredAction action = action("internal", Tool.Kind.READ, "GET", address.formatted(site.port()), Map.of());

        assertThat(publicOnly.call(action, run(action, "{}", null, null)))
                .isEqualTo(new ToolResult.Failed("The action's address is not allowed."));
        assertThat(site.hits("/data")).isZero();
    }

    @Test
    void refusesARedirectFromAnAllowedServiceToAPrivateAddress() {
        site.redirect("/go", 302, "http://169.254.169.254/latest/meta-data/");
        StoredAction action =
                action("go", Tool.Kind.READ, "GET", site.url("/go").toString(), Map.of());

        assertThat(caller.call(action, run(action, "{}", null, null)))
                .isEqualTo(new ToolResult.Failed("The action's address is not allowed."));
        assertThat(site.hits("/go")).isEqualTo(1);
    }

    @Test
    void aMissingPlaceholderArgumentFailsWithoutACall() {
        site.page("/bookings/", 200, "application/json", "{}");
        StoredAction action = action("look", Tool.Kind.READ, "GET", address("/bookings/{code}"), Map.of());

        assertThat(caller.call(action, run(action, "{\"people\":2}", null, null)))
                .isEqualTo(new ToolResult.Failed("The argument code is missing."));
        assertThat(site.requestHeaders()).isEmpty();
    }

    private String address(String template) {
        return "http://127.0.0.1:" + site.port() + template;
    }

    private ActionCaller caller(List<String> allowed, Duration timeout) {
        var limits = new OutboundProperties(allowed, Duration.ofSeconds(2), timeout, DataSize.ofKilobytes(256));
        ActionCaller made = new ActionCaller(
                new SafeHttpClient(limits),
                secrets,
                (organization, text) -> hmac(ORG_SECRET, text),
                Clock.fixed(NOW, ZoneOffset.UTC),
                DataSize.ofKilobytes(256));
        callers.add(made);
        return made;
    }

    private StoredAction action(String name, Tool.Kind kind, String method, String url, Map<String, String> headers) {
        Map<String, String> locked = new LinkedHashMap<>();
        headers.forEach((header, value) -> locked.put(header, secrets.seal(value)));
        return new StoredAction(
                ActionId.generate(),
                ORG,
                name,
                "Test action.",
                "{\"type\":\"object\"}",
                kind,
                method,
                url,
                locked,
                NOW,
                NOW);
    }

    private static ToolRun run(StoredAction action, String arguments, ConversationId conversation, String customer) {
        return new ToolRun(
                ORG, conversation, action.name(), JSON.readTree(arguments), customer, customer == null, "key-1");
    }

    /** What a business does with the headers: recompute the signature with its secret and compare in constant time. */
    private static boolean verifies(Map<String, List<String>> headers) throws Exception {
        String timestamp = headers.get("X-parley-timestamp").getFirst();
        String conversation =
                headers.getOrDefault("X-parley-conversation", List.of("")).getFirst();
        String customer = headers.getOrDefault("X-parley-customer", List.of("")).getFirst();
        String expected = "v1=" + hmac(ORG_SECRET, timestamp + "." + conversation + "." + customer);
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8),
                headers.get("X-parley-signature").getFirst().getBytes(StandardCharsets.UTF_8));
    }

    static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
