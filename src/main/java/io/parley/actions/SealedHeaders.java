package io.parley.actions;

import io.parley.security.SealedSecrets;
import io.parley.security.SecretBox;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The actions' header values, for an encryption-key rotation: each action's headers are one JSON object of sealed
 * values, written back only if unchanged meanwhile.
 */
final class SealedHeaders implements SealedSecrets {

    private static final TypeReference<LinkedHashMap<String, String>> HEADERS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    SealedHeaders(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public String what() {
        return "action headers";
    }

    @Override
    public int reseal(SecretBox box) {
        record Row(String id, String headers) {}
        List<Row> rows = jdbc.sql("SELECT id, headers FROM business_actions")
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2)))
                .list();
        int resealed = 0;
        for (Row row : rows) {
            Map<String, String> sealed = json.readValue(row.headers(), HEADERS);
            if (sealed.values().stream().allMatch(box::current)) {
                continue;
            }
            Map<String, String> fresh = new LinkedHashMap<>();
            sealed.forEach((name, value) -> fresh.put(name, box.reseal(value)));
            resealed += jdbc.sql("UPDATE business_actions SET headers = ? WHERE id = ? AND headers = ?")
                    .params(json.writeValueAsString(fresh), row.id(), row.headers())
                    .update();
        }
        return resealed;
    }
}
