package io.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.ParleyAppTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The whole public contract is published as OpenAPI, with its security schemes and problem shape. */
class PublishedApiIT extends ParleyAppTest {

    @Test
    void publishesEveryContractEndpointWithTheTokenItTakes() {
        JsonNode api = this.api.get("/v3/api-docs", null).body();

        List<String[]> contract = List.of(
                new String[] {"post", "/api/v1/auth/signup"},
                new String[] {"post", "/api/v1/auth/login"},
                new String[] {"get", "/api/v1/admin/organization"},
                new String[] {"put", "/api/v1/admin/organization/profile"},
                new String[] {"get", "/api/v1/admin/organization/prompt"},
                new String[] {"get", "/api/v1/admin/conversations"},
                new String[] {"get", "/api/v1/admin/conversations/{id}/messages"},
                new String[] {"post", "/api/v1/conversations/start"},
                new String[] {"get", "/api/v1/conversations/{id}"},
                new String[] {"post", "/api/v1/conversations/{id}/messages"},
                new String[] {"get", "/api/v1/conversations/{id}/messages"},
                new String[] {"put", "/api/v1/messages/{id}/feedback"});
        for (String[] endpoint : contract) {
            assertThat(api.path("paths").path(endpoint[1]).has(endpoint[0]))
                    .as(endpoint[0] + " " + endpoint[1])
                    .isTrue();
        }
        assertThat(api.path("components").path("securitySchemes").has("accessToken"))
                .isTrue();
        assertThat(api.path("components").path("securitySchemes").has("visitorToken"))
                .isTrue();
        JsonNode list = api.path("paths").path("/api/v1/admin/conversations").path("get");
        assertThat(list.path("security").toString()).contains("accessToken");
        assertThat(list.path("parameters").findValuesAsString("name")).containsExactly("status", "page", "size");
        assertThat(api.path("info").path("description").asString())
                .contains("/ws/chat")
                .contains("sendMessage");
    }

    @Test
    void describesEachProblemTypeAtItsUri() {
        JsonNode notFound = api.get("/problems/not-found", null).body();

        assertThat(notFound.path("status").asInt()).isEqualTo(404);
        assertThat(api.get("/problems/no-such-kind", null).status()).isEqualTo(404);
    }
}
