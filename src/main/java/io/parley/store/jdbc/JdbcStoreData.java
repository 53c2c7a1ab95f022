package io.parley.store.jdbc;

import io.parley.conversation.ToolResult;
import io.parley.store.StoreData;
import io.parley.store.StoreJson;
import io.parley.store.StoreNotLoadedException;
import io.parley.store.StoreSnapshot;
import io.parley.store.StoreView;
import io.parley.tenant.OrganizationId;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link StoreData} on H2 or PostgreSQL: every user, order and product is a row holding its JSON text. A write locks
 * the organization's {@code store_state} row ({@code SELECT … FOR UPDATE}) for its transaction, so writes of one
 * organization are serialized across every node sharing the database.
 */
public class JdbcStoreData implements StoreData {

    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transactions;
    private final TransactionTemplate readOnly;
    private final Clock clock;

    public JdbcStoreData(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.transactions = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.clock = clock;
    }

    @Override
    public boolean loaded(OrganizationId organization) {
        return jdbc.sql("SELECT COUNT(*) FROM store_state WHERE organization_id = ?")
                        .param(organization.value())
                        .query(Integer.class)
                        .single()
                > 0;
    }

    @Override
    public void load(OrganizationId organization, StoreSnapshot snapshot) {
        String org = organization.value();
        transactions.executeWithoutResult(status -> {
            OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
            if (!lock(organization)) {
                jdbc.sql("INSERT INTO store_state (organization_id, template, loaded_at) VALUES (?, ?, ?)")
                        .params(org, "retail", now)
                        .update();
                lock(organization);
            } else {
                jdbc.sql("UPDATE store_state SET loaded_at = ? WHERE organization_id = ?")
                        .params(now, org)
                        .update();
            }
            for (String table : List.of("store_users", "store_orders", "store_products", "store_writes")) {
                jdbc.sql("DELETE FROM " + table + " WHERE organization_id = ?")
                        .param(org)
                        .update();
            }
            List<Object[]> users = new ArrayList<>();
            for (int i = 0; i < snapshot.users().size(); i++) {
                ObjectNode u = snapshot.users().get(i);
                users.add(new Object[] {org, id(u, "user_id"), i, email(u), StoreJson.write(u)});
            }
            batch("INSERT INTO store_users (organization_id, id, seq, email, body) VALUES (?, ?, ?, ?, ?)", users);
            List<Object[]> orders = new ArrayList<>();
            for (int i = 0; i < snapshot.orders().size(); i++) {
                ObjectNode o = snapshot.orders().get(i);
                orders.add(new Object[] {org, id(o, "order_id"), i, id(o, "user_id"), StoreJson.write(o)});
            }
            batch("INSERT INTO store_orders (organization_id, id, seq, user_id, body) VALUES (?, ?, ?, ?, ?)", orders);
            List<Object[]> products = new ArrayList<>();
            for (int i = 0; i < snapshot.products().size(); i++) {
                ObjectNode p = snapshot.products().get(i);
                products.add(new Object[] {org, id(p, "product_id"), i, StoreJson.write(p)});
            }
            batch("INSERT INTO store_products (organization_id, id, seq, body) VALUES (?, ?, ?, ?)", products);
        });
    }

    private void batch(String sql, List<Object[]> rows) {
        for (int from = 0; from < rows.size(); from += BATCH) {
            template.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + BATCH)));
        }
    }

    @Override
    public StoreSnapshot snapshot(OrganizationId organization) {
        return read(
                organization,
                view -> new StoreSnapshot(view.users(), view.orders(0, Integer.MAX_VALUE), view.products()));
    }

    @Override
    public <T> T read(OrganizationId organization, Function<StoreView, T> work) {
        return readOnly.execute(status -> {
            requireLoaded(organization);
            return work.apply(new Rows(organization, false));
        });
    }

    @Override
    public <T> T update(OrganizationId organization, Function<StoreView, T> work) {
        return transactions.execute(status -> {
            if (!lock(organization)) {
                throw new StoreNotLoadedException(organization);
            }
            return work.apply(new Rows(organization, true));
        });
    }

    @Override
    public ToolResult write(
            OrganizationId organization, @Nullable String idempotencyKey, Function<StoreView, ToolResult> work) {
        return transactions.execute(status -> {
            if (!lock(organization)) {
                throw new StoreNotLoadedException(organization);
            }
            if (idempotencyKey != null) {
                Optional<ToolResult> earlier = jdbc.sql(
                                "SELECT failed, result FROM store_writes WHERE organization_id = ? AND idempotency_key = ?")
                        .params(organization.value(), idempotencyKey)
                        .query((rs, n) -> rs.getBoolean(1)
                                ? (ToolResult) new ToolResult.Failed(rs.getString(2))
                                : new ToolResult.Done(rs.getString(2)))
                        .optional();
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            ToolResult result = work.apply(new Rows(organization, true));
            if (idempotencyKey != null) {
                boolean failed = result instanceof ToolResult.Failed;
                String text = result instanceof ToolResult.Failed f ? f.message() : ((ToolResult.Done) result).json();
                jdbc.sql("INSERT INTO store_writes (organization_id, idempotency_key, failed, result, created_at)"
                                + " VALUES (?, ?, ?, ?, ?)")
                        .params(
                                organization.value(),
                                idempotencyKey,
                                failed,
                                text,
                                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                        .update();
            }
            return result;
        });
    }

    /** Locks the organization's store row for this transaction; false when it has no store. */
    private boolean lock(OrganizationId organization) {
        return jdbc.sql("SELECT organization_id FROM store_state WHERE organization_id = ? FOR UPDATE")
                .param(organization.value())
                .query(String.class)
                .optional()
                .isPresent();
    }

    private void requireLoaded(OrganizationId organization) {
        if (!loaded(organization)) {
            throw new StoreNotLoadedException(organization);
        }
    }

    private static String id(ObjectNode node, String field) {
        return node.path(field).asString("");
    }

    private static String email(ObjectNode user) {
        return user.path("email").asString("").toLowerCase(Locale.ROOT);
    }

    /** The organization's rows; puts and deletes run in the surrounding transaction. */
    private final class Rows implements StoreView {
        private final String org;
        private final boolean writable;

        Rows(OrganizationId organization, boolean writable) {
            this.org = organization.value();
            this.writable = writable;
        }

        private Optional<ObjectNode> one(String table, String id) {
            return jdbc.sql("SELECT body FROM " + table + " WHERE organization_id = ? AND id = ?")
                    .params(org, id)
                    .query((rs, n) -> StoreJson.parseObject(rs.getString(1)))
                    .optional();
        }

        private List<ObjectNode> all(String table) {
            return jdbc.sql("SELECT body FROM " + table + " WHERE organization_id = ? ORDER BY seq")
                    .param(org)
                    .query((rs, n) -> StoreJson.parseObject(rs.getString(1)))
                    .list();
        }

        @Override
        public Optional<ObjectNode> user(String userId) {
            return one("store_users", userId);
        }

        @Override
        public Optional<ObjectNode> order(String orderId) {
            return one("store_orders", orderId);
        }

        @Override
        public Optional<ObjectNode> product(String productId) {
            return one("store_products", productId);
        }

        @Override
        public List<ObjectNode> users() {
            return all("store_users");
        }

        @Override
        public List<ObjectNode> products() {
            return all("store_products");
        }

        @Override
        public List<ObjectNode> orders(int offset, int limit) {
            return jdbc.sql("SELECT body FROM store_orders WHERE organization_id = ? ORDER BY seq LIMIT ? OFFSET ?")
                    .params(org, limit, offset)
                    .query((rs, n) -> StoreJson.parseObject(rs.getString(1)))
                    .list();
        }

        @Override
        public int orderCount() {
            return jdbc.sql("SELECT COUNT(*) FROM store_orders WHERE organization_id = ?")
                    .param(org)
                    .query(Integer.class)
                    .single();
        }

        private void writable() {
            if (!writable) {
                throw new UnsupportedOperationException("a read cannot change the store");
            }
        }

        private void put(String table, String id, List<String> columns, List<Object> values, ObjectNode body) {
            writable();
            String json = StoreJson.write(body);
            StringBuilder set = new StringBuilder("body = ?");
            List<Object> params = new ArrayList<>();
            params.add(json);
            for (int i = 0; i < columns.size(); i++) {
                set.append(", ").append(columns.get(i)).append(" = ?");
                params.add(values.get(i));
            }
            params.add(org);
            params.add(id);
            int updated = jdbc.sql("UPDATE " + table + " SET " + set + " WHERE organization_id = ? AND id = ?")
                    .params(params)
                    .update();
            if (updated == 0) {
                Integer seq = jdbc.sql("SELECT COALESCE(MAX(seq), -1) + 1 FROM " + table + " WHERE organization_id = ?")
                        .param(org)
                        .query(Integer.class)
                        .single();
                List<Object> insert = new ArrayList<>(List.of(org, id, seq, json));
                insert.addAll(values);
                String extra = columns.isEmpty() ? "" : ", " + String.join(", ", columns);
                jdbc.sql("INSERT INTO " + table + " (organization_id, id, seq, body" + extra + ") VALUES (?, ?, ?, ?"
                                + ", ?".repeat(columns.size()) + ")")
                        .params(insert)
                        .update();
            }
        }

        @Override
        public void putUser(ObjectNode user) {
            put("store_users", id(user, "user_id"), List.of("email"), List.of(email(user)), user);
        }

        @Override
        public void putOrder(ObjectNode order) {
            put("store_orders", id(order, "order_id"), List.of("user_id"), List.of(id(order, "user_id")), order);
        }

        @Override
        public void putProduct(ObjectNode product) {
            put("store_products", id(product, "product_id"), List.of(), List.of(), product);
        }

        @Override
        public boolean deleteOrder(String orderId) {
            writable();
            return jdbc.sql("DELETE FROM store_orders WHERE organization_id = ? AND id = ?")
                            .params(org, orderId)
                            .update()
                    > 0;
        }

        @Override
        public boolean deleteProduct(String productId) {
            writable();
            return jdbc.sql("DELETE FROM store_products WHERE organization_id = ? AND id = ?")
                            .params(org, productId)
                            .update()
                    > 0;
        }
    }
}
