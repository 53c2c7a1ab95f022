package io.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.conversation.ToolResult;
import io.parley.conversation.ToolRun;
import io.parley.tenant.OrganizationId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The store against τ²-bench's conformance suite (../shared/datasets/tau2-retail/conformance.json): the store as
 * loaded hashes as the reference's does, and for each of the 114 tasks, from a fresh copy, every ground-truth call
 * gives the expected result or exactly the expected error, the touched orders and users end as expected, and the whole
 * store hashes as expected.
 */
class RetailConformanceTest {

    static final Path DATASET = Path.of("../shared/datasets/tau2-retail");

    private static StoreSnapshot base;
    private static JsonNode conformance;

    @BeforeAll
    static void load() throws IOException {
        Assumptions.assumeTrue(
                Files.isDirectory(DATASET), "SKIPPED: the dataset is not at " + DATASET.toAbsolutePath());
        try (InputStream db = Files.newInputStream(DATASET.resolve("db.json"))) {
            base = StoreSnapshot.read(db);
        }
        conformance =
                StoreJson.MAPPER.readTree(DATASET.resolve("conformance.json").toFile());
    }

    static Stream<String> taskIds() throws IOException {
        if (!Files.isDirectory(DATASET)) {
            return Stream.of();
        }
        JsonNode all =
                StoreJson.MAPPER.readTree(DATASET.resolve("conformance.json").toFile());
        List<String> ids = new ArrayList<>();
        all.get("tasks").forEach(task -> ids.add(task.get("id").asString()));
        return ids.stream();
    }

    @Test
    void theStoreAsLoadedHashesAsTheReference() {
        assertThat(base.hash()).isEqualTo(conformance.get("base_db_hash").asString());
        assertThat(conformance.get("tasks").size()).isEqualTo(114);
    }

    @Test
    void theShippedCopyIsTheDatasetsStore() throws IOException {
        assertThat(RetailTemplate.fresh().hash())
                .isEqualTo(conformance.get("base_db_hash").asString());
    }

    @ParameterizedTest(name = "task {0}")
    @MethodSource("taskIds")
    void taskRunsAsTheReference(String id) {
        JsonNode task = task(id);
        InMemoryStoreData data = new InMemoryStoreData();
        OrganizationId org = OrganizationId.generate();
        data.load(org, base.copy());
        RetailToolSource tools = new RetailToolSource(data);

        int n = 0;
        for (JsonNode step : task.get("steps")) {
            String tool = step.get("tool").asString();
            ToolResult result = tools.run(
                    new ToolRun(org, null, tool, step.get("arguments"), null, true, "task-" + id + "-step-" + n));
            String where = "task " + id + " step " + n + " " + tool + " " + step.get("arguments");
            if (step.has("error")) {
                assertThat(result)
                        .as(where)
                        .isEqualTo(new ToolResult.Failed(step.get("error").asString()));
            } else {
                assertThat(result).as(where).isInstanceOf(ToolResult.Done.class);
                assertThat(StoreJson.parse(((ToolResult.Done) result).json()))
                        .as(where)
                        .isEqualTo(step.get("result"));
            }
            n++;
        }
        StoreSnapshot after = data.snapshot(org);
        Map<String, JsonNode> orders = byId(after.orders(), "order_id");
        Map<String, JsonNode> users = byId(after.users(), "user_id");
        task.get("final").get("orders").properties().forEach(e -> assertThat(orders.get(e.getKey()))
                .as("task " + id + " final order " + e.getKey())
                .isEqualTo(e.getValue()));
        task.get("final").get("users").properties().forEach(e -> assertThat(users.get(e.getKey()))
                .as("task " + id + " final user " + e.getKey())
                .isEqualTo(e.getValue()));
        assertThat(after.hash())
                .as("task " + id + " store hash")
                .isEqualTo(task.get("db_hash").asString());
    }

    private static JsonNode task(String id) {
        for (JsonNode task : conformance.get("tasks")) {
            if (task.get("id").asString().equals(id)) {
                return task;
            }
        }
        throw new IllegalArgumentException(id);
    }

    private static Map<String, JsonNode> byId(List<? extends JsonNode> items, String field) {
        Map<String, JsonNode> map = new java.util.HashMap<>();
        items.forEach(item -> map.put(item.get(field).asString(), item));
        return map;
    }
}
