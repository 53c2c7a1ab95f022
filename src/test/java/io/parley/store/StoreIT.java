package io.parley.store;

import static io.parley.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.conversation.ToolSource;
import io.parley.tenant.OrganizationId;
import io.parley.testing.ParleyApi;
import io.parley.testing.ParleyAppTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The retail template and the store's REST API over real HTTP: loading gives a fresh store and the policy as rules,
 * orders and products can be read and changed, nothing crosses organizations, and bad input is a 400 problem.
 */
class StoreIT extends ParleyAppTest {

    @Autowired
    List<ToolSource> sources;

    private ParleyApi.Organization shop;

    @BeforeEach
    void shop() {
        shop = api.signUp("Demo Retail");
    }

    private JsonNode loadTemplate(ParleyApi.Organization org) {
        ParleyApi.Response loaded = api.call(
                "POST", "/api/v1/admin/organization/template", org.accessToken(), Map.of("template", "retail"));
        assertThat(loaded.status()).isEqualTo(200);
        return loaded.body();
    }

    @Test
    void theRetailTemplateLoadsAFreshStoreItsToolsAndThePolicyAsRules() {
        assertThat(tools(shop)).isEmpty();
        JsonNode loaded = loadTemplate(shop);
        assertThat(loaded.get("template").asString()).isEqualTo("retail");
        assertThat(loaded.get("users").asInt()).isEqualTo(500);
        assertThat(loaded.get("orders").asInt()).isEqualTo(1000);
        assertThat(loaded.get("products").asInt()).isEqualTo(50);
        assertThat(loaded.get("tools")).hasSize(16);
        assertThat(tools(shop)).hasSize(16);

        JsonNode profile =
                api.get("/api/v1/admin/organization", shop.accessToken()).body().get("profile");
        assertThat(profile.get("businessName").asString()).isEqualTo("Demo Retail");
        assertThat(profile.get("rules").toString()).contains("authenticate the user identity");
        profile.get("rules")
                .forEach(rule -> assertThat(rule.asString().length()).isLessThanOrEqualTo(500));

        assertThat(api.call("DELETE", "/api/v1/store/orders/%23W2611340", shop.accessToken(), null)
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/store/orders/W2611340", shop.accessToken()).status())
                .isEqualTo(404);
        loadTemplate(shop);
        assertThat(api.get("/api/v1/store/orders/W2611340", shop.accessToken()).status())
                .isEqualTo(200);
    }

    @Test
    void ordersCanBeListedReadChangedAddedAndDeleted() {
        loadTemplate(shop);
        String token = shop.accessToken();
        JsonNode page =
                api.get("/api/v1/store/orders?offset=990&limit=50", token).body();
        assertThat(page.get("total").asInt()).isEqualTo(1000);
        assertThat(page.get("items")).hasSize(10);

        JsonNode order = api.get("/api/v1/store/orders/%23W2378156", token).body();
        assertThat(order.get("user_id").asString()).isEqualTo("yusuf_rossi_9620");
        assertThat(api.get("/api/v1/store/orders/W2378156", token).body()).isEqualTo(order);

        var changed = (tools.jackson.databind.node.ObjectNode) order.deepCopy();
        changed.put("status", "processed");
        JsonNode replaced =
                api.call("PUT", "/api/v1/store/orders/W2378156", token, changed).body();
        assertThat(replaced.get("status").asString()).isEqualTo("processed");

        changed.remove("order_id");
        JsonNode created =
                api.call("POST", "/api/v1/store/orders", token, changed).body();
        String newId = created.get("order_id").asString();
        assertThat(newId).startsWith("#W");
        JsonNode mine = api.get("/api/v1/store/orders/user?email=YUSUF.ROSSI7301@example.com", token)
                .body();
        assertThat(mine.get("items").toString()).contains(newId);

        assertThat(api.call("DELETE", "/api/v1/store/orders/" + newId.replace("#", "%23"), token, null)
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/store/orders/user?email=yusuf.rossi7301@example.com", token)
                        .body()
                        .get("items")
                        .toString())
                .doesNotContain(newId);
    }

    @Test
    void productsCanBeReadChangedAddedAndDeleted() {
        loadTemplate(shop);
        String token = shop.accessToken();
        assertThat(api.get("/api/v1/store/products?limit=200", token)
                        .body()
                        .get("total")
                        .asInt())
                .isEqualTo(50);
        JsonNode keyboard = api.get("/api/v1/store/products/1656367028", token).body();
        assertThat(keyboard.get("name").asString()).isEqualTo("Mechanical Keyboard");

        Map<String, Object> mug = Map.of(
                "name",
                "Mug",
                "variants",
                Map.of("9000000001", Map.of("options", Map.of("color", "white"), "available", true, "price", 12.5)));
        ParleyApi.Response created = api.call("POST", "/api/v1/store/products", token, mug);
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("product_id").asString();
        assertThat(created.body()
                        .get("variants")
                        .get("9000000001")
                        .get("item_id")
                        .asString())
                .isEqualTo("9000000001");
        assertThat(api.call("PUT", "/api/v1/store/products/" + id, token, mug).status())
                .isEqualTo(200);
        assertThat(api.call("DELETE", "/api/v1/store/products/" + id, token, null)
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/store/products/" + id, token).status()).isEqualTo(404);
    }

    @Test
    void anotherOrganizationsStoreIsNotFound() {
        loadTemplate(shop);
        ParleyApi.Organization other = api.signUp("Other Retail");
        loadTemplate(other);
        assertThat(api.call("DELETE", "/api/v1/store/orders/W2378156", other.accessToken(), null)
                        .status())
                .isEqualTo(204);
        // The other organization's change is not this one's.
        assertThat(api.get("/api/v1/store/orders/W2378156", shop.accessToken()).status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/store/orders/W2378156", other.accessToken()).status())
                .isEqualTo(404);
        ParleyApi.Organization empty = api.signUp("No Store");
        ParleyApi.Response none = api.get("/api/v1/store/orders", empty.accessToken());
        assertProblem(none.body(), 404, "/problems/not-found");
        assertThat(none.body().get("detail").asString()).contains("template");
        assertThat(api.get("/api/v1/store/orders", null).status()).isEqualTo(401);
    }

    @Test
    void badInputIsAProblemNamingTheFields() {
        loadTemplate(shop);
        String token = shop.accessToken();
        ParleyApi.Response bad = api.call(
                "POST", "/api/v1/store/orders", token, Map.of("user_id", "nobody", "status", "", "colour", "red"));
        assertProblem(bad.body(), 400, "/problems/validation-failed");
        assertThat(bad.body().get("errors").toString()).contains("address", "items", "status", "colour");
        assertProblem(
                api.call("PUT", "/api/v1/store/products/1656367028", token, Map.of("name", "x"))
                        .body(),
                400,
                "/problems/validation-failed");
        assertProblem(api.get("/api/v1/store/orders?limit=0", token).body(), 400, "/problems/validation-failed");
        ParleyApi.Response unknown =
                api.call("POST", "/api/v1/admin/organization/template", token, Map.of("template", "airline"));
        assertProblem(unknown.body(), 400, "/problems/validation-failed");
        assertThat(unknown.body().get("errors").toString()).contains("retail");
    }

    private List<String> tools(ParleyApi.Organization org) {
        OrganizationId id = new OrganizationId(org.id());
        return sources.stream()
                .flatMap(s -> s.tools(id).stream())
                .map(t -> t.name())
                .toList();
    }
}
