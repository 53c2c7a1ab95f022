package io.parley.actions;

import static io.parley.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.parley.conversation.ConversationId;
import io.parley.conversation.OfferedTool;
import io.parley.conversation.ToolResult;
import io.parley.conversation.ToolRun;
import io.parley.conversation.ToolSource;
import io.parley.conversation.Toolbox;
import io.parley.tenant.OrganizationId;
import io.parley.testing.LocalSite;
import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyAppTest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The business's HTTP actions through the admin API and the engine's port, against a real HTTP server on this
 * machine (the one network the operator allows here): secrets are masked in every answer (that they lie sealed at
 * rest is {@link ActionStoreContract}'s), a masked value sent back keeps the secret, each call is signed with the
 * organization's secret, nothing crosses organizations, and bad input names its field.
 */
class ActionsIT extends ParleyAppTest {

    private static final String SECRET = "Bearer sk-live-5up3r-s3cr3t-9876";
    private static final String SCHEMA =
            "{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"string\"}},\"required\":[\"code\"]}";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void allowThisMachine(DynamicPropertyRegistry registry) {
        registry.add("parley.outbound.allowed-networks", () -> "127.0.0.1/32");
    }

    @Autowired
    List<ToolSource> toolSources;

    @Autowired
    Toolbox toolbox;

    private LocalSite site;
    private ParleyApi.Organization shop;
    private final AtomicReference<String> path = new AtomicReference<>();

    @BeforeEach
    void site() {
        site = new LocalSite();
        site.route("/bookings/", exchange -> {
            path.set(exchange.getRequestURI().getRawPath());
            LocalSite.respond(
                    exchange,
                    200,
                    "application/json",
                    "{\"booking\":\"AB12\",\"table\":7}".getBytes(StandardCharsets.UTF_8));
        });
        shop = api.signUp("Harbour Bistro");
    }

    @AfterEach
    void close() {
        site.close();
    }

    @Test
    void anActionIsShownMaskedAndKeepsItsSecretWhenSentBackMasked() {
        ParleyApi.Response created = create(shop, body("look_up_booking", Map.of("Authorization", SECRET)));

        assertThat(created.status()).isEqualTo(201);
        String id = created.body().path("id").asString();
        assertThat(created.body().path("headers").path("Authorization").asString())
                .isEqualTo("••••9876");
        assertThat(created.body().path("parameters").path("required").get(0).asString())
                .isEqualTo("code");
        assertThat(created.body().path("kind").asString()).isEqualTo("read");
        assertThat(created.body().toString()).doesNotContain("sk-live");

        ParleyApi.Response listed = api.get("/api/v1/admin/actions", shop.accessToken());
        assertThat(listed.body().path("items")).hasSize(1);
        assertThat(listed.body().toString()).doesNotContain("sk-live");

        Map<String, Object> changed = body("look_up_booking", Map.of("Authorization", "••••9876", "X-Shop", "north"));
        changed.put("description", "Finds a booking by its code, with the table.");
        ParleyApi.Response updated = api.call("PUT", "/api/v1/admin/actions/" + id, shop.accessToken(), changed);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().path("description").asString()).startsWith("Finds a booking by its code, with");
        assertThat(updated.body().path("headers").path("X-Shop").asString()).isEqualTo("••••");

        ToolResult result = actions().run(run(shop, "look_up_booking", "{\"code\":\"AB 12\"}", null, null));
        assertThat(result).isEqualTo(new ToolResult.Done("{\"booking\":\"AB12\",\"table\":7}"));
        assertThat(path.get()).isEqualTo("/bookings/AB%2012");
        assertThat(site.requestHeaders().getLast().get("Authorization")).containsExactly(SECRET);
        assertThat(site.requestHeaders().getLast().get("X-shop")).containsExactly("north");

        assertThat(api.call("DELETE", "/api/v1/admin/actions/" + id, shop.accessToken(), null)
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/admin/actions/" + id, shop.accessToken()).status())
                .isEqualTo(404);
        assertThat(actions().tools(org(shop))).isEmpty();
    }

    @Test
    void theEngineIsOfferedEachActionAsAToolAndEachCallIsSignedWithTheOrganizationsSecret() throws Exception {
        create(shop, body("look_up_booking", Map.of("Authorization", SECRET)));
        Map<String, Object> write = body("cancel_booking", Map.of());
        write.put("kind", "write");
        write.put("method", "DELETE");
        write.put("description", "Cancels a booking. Only when the customer asks.");
        create(shop, write);

        List<OfferedTool> offered = actions().tools(org(shop));
        assertThat(offered).extracting(OfferedTool::name).containsExactly("cancel_booking", "look_up_booking");
        assertThat(offered.getFirst().writes()).isTrue();
        assertThat(offered.getFirst().identity()).isEqualTo(OfferedTool.Identity.NONE);
        assertThat(offered.getFirst().status()).isEqualTo("Checking with Harbour Bistro…");
        assertThat(actions().summarize(org(shop), "cancel_booking", JSON.readTree("{\"code\":\"AB12\"}")))
                .isEqualTo("Cancels a booking (code: AB12)");

        ConversationId conversation = ConversationId.generate();
        ToolResult result = actions().run(run(shop, "cancel_booking", "{\"code\":\"AB12\"}", conversation, "cust-7"));

        assertThat(result).isInstanceOf(ToolResult.Done.class);
        Map<String, List<String>> headers = site.requestHeaders().getLast();
        assertThat(headers.get("Idempotency-key")).containsExactly("call-1");
        String secret = api.get("/api/v1/admin/organization/customer-secret", shop.accessToken())
                .body()
                .path("secret")
                .asString();
        String timestamp = headers.get("X-parley-timestamp").getFirst();
        assertThat(headers.get("X-parley-signature"))
                .containsExactly("v1=" + ActionCallerTest.hmac(secret, timestamp + "." + conversation + ".cust-7"));
    }

    @Test
    void theSecretHeaderValueNeverReachesTheLogsNorAnyAnswer() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger parley = (Logger) LoggerFactory.getLogger("io.parley");
        Level before = parley.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        parley.setLevel(Level.DEBUG);
        try {
            String id = create(shop, body("look_up_booking", Map.of("Authorization", SECRET)))
                    .body()
                    .path("id")
                    .asString();
            site.page("/fail", 500, "text/plain", "no");
            Map<String, Object> failing = body("failing", Map.of("Authorization", SECRET));
            failing.put("url", "http://127.0.0.1:" + site.port() + "/fail");
            create(shop, failing);
            Map<String, Object> blocked = body("blocked", Map.of("Authorization", SECRET));
            blocked.put("url", "http://169.254.169.254/latest/{code}");
            create(shop, blocked);

            assertThat(actions().run(run(shop, "look_up_booking", "{\"code\":\"A\"}", null, null)))
                    .isInstanceOf(ToolResult.Done.class);
            assertThat(actions().run(run(shop, "failing", "{\"code\":\"A\"}", null, null)))
                    .isEqualTo(new ToolResult.Failed("The service answered 500: no"));
            assertThat(actions().run(run(shop, "blocked", "{\"code\":\"A\"}", null, null)))
                    .isEqualTo(new ToolResult.Failed("The action's address is not allowed."));
            assertThat(api.get("/api/v1/admin/actions/" + id, shop.accessToken())
                            .body()
                            .toString())
                    .doesNotContain("sk-live");
        } finally {
            root.detachAppender(appender);
            parley.setLevel(before);
        }
        assertThat(appender.list).isNotEmpty();
        for (ILoggingEvent event : appender.list) {
            String text = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(text).doesNotContain("sk-live");
        }
    }

    @Test
    void anotherOrganizationNeitherSeesNorChangesNorRunsTheActions() {
        String id = create(shop, body("look_up_booking", Map.of("Authorization", SECRET)))
                .body()
                .path("id")
                .asString();
        ParleyApi.Organization other = api.signUp("Other Bistro");

        assertThat(api.get("/api/v1/admin/actions/" + id, other.accessToken()).status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/admin/actions", other.accessToken()).body().path("items"))
                .isEmpty();
        ParleyApi.Response put =
                api.call("PUT", "/api/v1/admin/actions/" + id, other.accessToken(), body("mine", Map.of()));
        assertProblem(put.body(), 404, "/problems/not-found");
        assertThat(api.call("DELETE", "/api/v1/admin/actions/" + id, other.accessToken(), null)
                        .status())
                .isEqualTo(404);
        assertThat(actions().tools(org(other))).isEmpty();
        assertThat(actions().run(run(other, "look_up_booking", "{\"code\":\"A\"}", null, null)))
                .isInstanceOf(ToolResult.Failed.class);
        assertThat(site.requestHeaders()).isEmpty();
        assertThat(api.get("/api/v1/admin/actions/" + id, shop.accessToken()).status())
                .isEqualTo(200);
    }

    @Test
    void badInputIsRefusedFieldByFieldAndATakenNameIsAConflict() {
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("name", "no spaces please");
        bad.put("description", "");
        bad.put("parameters", JSON.readTree("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"strung\"}}}"));
        bad.put("kind", "maybe");
        bad.put("method", "TRACE");
        bad.put("url", "http://127.0.0.1:" + site.port() + "/{x}");
        bad.put("headers", Map.of("Host", "evil.example"));

        ParleyApi.Response refused = create(shop, bad);

        assertProblem(refused.body(), 400, "/problems/validation-failed");
        List<String> fields = refused.body()
                .path("errors")
                .valueStream()
                .map(error -> error.path("field").asString())
                .toList();
        assertThat(fields)
                .containsExactlyInAnyOrder("name", "description", "parameters", "kind", "method", "headers.Host");

        assertThat(create(shop, body("look_up_booking", Map.of())).status()).isEqualTo(201);
        ParleyApi.Response taken = create(shop, body("look_up_booking", Map.of()));
        assertProblem(taken.body(), 409, "/problems/conflict");
        assertThat(taken.body().path("errors").get(0).path("field").asString()).isEqualTo("name");

        Map<String, Object> unknownPlaceholder = body("other", Map.of());
        unknownPlaceholder.put("url", "https://api.example.com/orders/{order}");
        ParleyApi.Response placeholder = create(shop, unknownPlaceholder);
        assertProblem(placeholder.body(), 400, "/problems/validation-failed");
        assertThat(placeholder.body().path("errors").get(0).path("field").asString())
                .isEqualTo("url");

        assertProblem(
                api.get("/api/v1/admin/actions/" + "x".repeat(80), shop.accessToken())
                        .body(),
                404,
                "/problems/not-found");
    }

    @Test
    void anActionCannotTakeTheNameOfAnotherToolOfTheAssistant() {
        ParleyApi.Response transfer = create(shop, body("transfer_to_human", Map.of()));
        assertNameIsATool(transfer, "transfer_to_human");

        String id = create(shop, body("look_up_booking", Map.of()))
                .body()
                .path("id")
                .asString();
        assertThat(api.call(
                                "POST",
                                "/api/v1/admin/organization/template",
                                shop.accessToken(),
                                Map.of("template", "retail"))
                        .status())
                .isEqualTo(200);

        ParleyApi.Response created = create(shop, body("get_order_details", Map.of()));
        assertNameIsATool(created, "get_order_details");
        assertNameIsATool(create(shop, body("transfer_to_human", Map.of())), "transfer_to_human");

        ParleyApi.Response renamed =
                api.call("PUT", "/api/v1/admin/actions/" + id, shop.accessToken(), body("get_order_details", Map.of()));
        assertNameIsATool(renamed, "get_order_details");
        assertThat(api.get("/api/v1/admin/actions", shop.accessToken())
                        .body()
                        .path("items")
                        .valueStream()
                        .map(item -> item.path("name").asString()))
                .containsExactly("look_up_booking");

        Map<String, Object> same = body("look_up_booking", Map.of());
        same.put("description", "Finds a booking by its code, with the table.");
        assertThat(api.call("PUT", "/api/v1/admin/actions/" + id, shop.accessToken(), same)
                        .status())
                .isEqualTo(200);
        assertThat(toolbox.offered(org(shop)))
                .extracting(OfferedTool::name)
                .contains("get_order_details", "look_up_booking")
                .doesNotHaveDuplicates();

        ParleyApi.Organization other = api.signUp("Other Bistro");
        assertThat(create(other, body("get_order_details", Map.of())).status()).isEqualTo(201);
    }

    private static void assertNameIsATool(ParleyApi.Response refused, String name) {
        assertProblem(refused.body(), 409, "/problems/conflict");
        assertThat(refused.body().path("errors")).hasSize(1);
        assertThat(refused.body().path("errors").get(0).path("field").asString())
                .isEqualTo("name");
        assertThat(refused.body().path("errors").get(0).path("message").asString())
                .startsWith(name + " is already a tool of your assistant: ");
    }

    private ParleyApi.Response create(ParleyApi.Organization org, Map<String, Object> body) {
        return api.call("POST", "/api/v1/admin/actions", org.accessToken(), body);
    }

    private Map<String, Object> body(String name, Map<String, String> headers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("description", "Finds a booking by its code.");
        body.put("parameters", JSON.readTree(SCHEMA));
        body.put("kind", "read");
        body.put("method", "GET");
        body.put("url", "http://127.0.0.1:" + site.port() + "/bookings/{code}");
        body.put("headers", headers);
        return body;
    }

    private ToolSource actions() {
        return toolSources.stream()
                .filter(source -> source instanceof ActionTools)
                .findFirst()
                .orElseThrow();
    }

    private static OrganizationId org(ParleyApi.Organization org) {
        return new OrganizationId(org.id());
    }

    private static ToolRun run(
            ParleyApi.Organization org, String tool, String arguments, ConversationId conversation, String customer) {
        JsonNode args = JSON.readTree(arguments);
        return new ToolRun(org(org), conversation, tool, args, customer, conversation == null, "call-1");
    }
}
