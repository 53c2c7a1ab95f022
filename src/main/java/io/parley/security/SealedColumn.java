package io.parley.security;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Secrets kept one per row in one column of a table (the owning feature names them). Each is written back only if it
 * has not changed meanwhile, so a secret replaced during a rotation is never overwritten with an older one.
 */
public final class SealedColumn implements SealedSecrets {

    private static final Pattern NAME = Pattern.compile("[a-z_]{1,64}");

    private final String what;
    private final JdbcClient jdbc;
    private final String table;
    private final String key;
    private final String column;

    public SealedColumn(String what, JdbcClient jdbc, String table, String key, String column) {
        for (String name : List.of(table, key, column)) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a table or column name: " + name);
            }
        }
        this.what = Objects.requireNonNull(what);
        this.jdbc = jdbc;
        this.table = table;
        this.key = key;
        this.column = column;
    }

    @Override
    public String what() {
        return what;
    }

    @Override
    public int reseal(SecretBox box) {
        record Row(String key, String sealed) {}
        List<Row> rows = jdbc.sql(
                        "SELECT " + key + ", " + column + " FROM " + table + " WHERE " + column + " IS NOT NULL")
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2)))
                .list();
        int resealed = 0;
        for (Row row : rows) {
            if (box.current(row.sealed())) {
                continue;
            }
            resealed += jdbc.sql(
                            "UPDATE " + table + " SET " + column + " = ? WHERE " + key + " = ? AND " + column + " = ?")
                    .params(box.reseal(row.sealed()), row.key(), row.sealed())
                    .update();
        }
        return resealed;
    }
}
