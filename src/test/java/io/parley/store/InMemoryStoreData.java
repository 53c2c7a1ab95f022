package io.parley.store;

import io.parley.conversation.ToolResult;
import io.parley.tenant.OrganizationId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/** {@link StoreData} in memory, for fast tests: one lock per organization; a write's puts apply when it returns. */
final class InMemoryStoreData implements StoreData {

    private final Map<OrganizationId, Shop> shops = new ConcurrentHashMap<>();

    private static final class Shop {
        final Map<String, ObjectNode> users = new LinkedHashMap<>();
        final Map<String, ObjectNode> orders = new LinkedHashMap<>();
        final Map<String, ObjectNode> products = new LinkedHashMap<>();
        final Map<String, ToolResult> writes = new HashMap<>();
    }

    @Override
    public boolean loaded(OrganizationId organization) {
        return shops.containsKey(organization);
    }

    @Override
    public void load(OrganizationId organization, StoreSnapshot snapshot) {
        Shop shop = new Shop();
        snapshot.users().forEach(u -> shop.users.put(u.get("user_id").asString(), u));
        snapshot.orders().forEach(o -> shop.orders.put(o.get("order_id").asString(), o));
        snapshot.products().forEach(p -> shop.products.put(p.get("product_id").asString(), p));
        shops.put(organization, shop);
    }

    @Override
    public StoreSnapshot snapshot(OrganizationId organization) {
        Shop shop = shop(organization);
        synchronized (shop) {
            return new StoreSnapshot(
                            List.copyOf(shop.users.values()),
                            List.copyOf(shop.orders.values()),
                            List.copyOf(shop.products.values()))
                    .copy();
        }
    }

    @Override
    public <T> T read(OrganizationId organization, Function<StoreView, T> work) {
        Shop shop = shop(organization);
        synchronized (shop) {
            return work.apply(new Staged(shop, false));
        }
    }

    @Override
    public <T> T update(OrganizationId organization, Function<StoreView, T> work) {
        Shop shop = shop(organization);
        synchronized (shop) {
            Staged view = new Staged(shop, true);
            T result = work.apply(view);
            view.commit();
            return result;
        }
    }

    @Override
    public ToolResult write(OrganizationId organization, String idempotencyKey, Function<StoreView, ToolResult> work) {
        Shop shop = shop(organization);
        synchronized (shop) {
            if (idempotencyKey != null && shop.writes.containsKey(idempotencyKey)) {
                return shop.writes.get(idempotencyKey);
            }
            Staged view = new Staged(shop, true);
            ToolResult result = work.apply(view);
            if (result instanceof ToolResult.Done) {
                view.commit();
            }
            if (idempotencyKey != null) {
                shop.writes.put(idempotencyKey, result);
            }
            return result;
        }
    }

    private Shop shop(OrganizationId organization) {
        Shop shop = shops.get(organization);
        if (shop == null) {
            throw new StoreNotLoadedException(organization);
        }
        return shop;
    }

    /** Reads through to the shop, seeing this write's own puts; hands out copies. */
    private static final class Staged implements StoreView {
        private final Shop shop;
        private final boolean writable;
        private final Map<String, Optional<ObjectNode>> users = new LinkedHashMap<>();
        private final Map<String, Optional<ObjectNode>> orders = new LinkedHashMap<>();
        private final Map<String, Optional<ObjectNode>> products = new LinkedHashMap<>();

        Staged(Shop shop, boolean writable) {
            this.shop = shop;
            this.writable = writable;
        }

        private static Optional<ObjectNode> get(
                Map<String, Optional<ObjectNode>> staged, Map<String, ObjectNode> base, String id) {
            Optional<ObjectNode> value = staged.containsKey(id) ? staged.get(id) : Optional.ofNullable(base.get(id));
            return value.map(ObjectNode::deepCopy);
        }

        private static List<ObjectNode> all(Map<String, Optional<ObjectNode>> staged, Map<String, ObjectNode> base) {
            List<ObjectNode> all = new ArrayList<>();
            base.forEach((id, value) -> {
                Optional<ObjectNode> v = staged.containsKey(id) ? staged.get(id) : Optional.of(value);
                v.ifPresent(o -> all.add(o.deepCopy()));
            });
            staged.forEach((id, value) -> {
                if (!base.containsKey(id)) {
                    value.ifPresent(o -> all.add(o.deepCopy()));
                }
            });
            return all;
        }

        @Override
        public Optional<ObjectNode> user(String userId) {
            return get(users, shop.users, userId);
        }

        @Override
        public Optional<ObjectNode> order(String orderId) {
            return get(orders, shop.orders, orderId);
        }

        @Override
        public Optional<ObjectNode> product(String productId) {
            return get(products, shop.products, productId);
        }

        @Override
        public List<ObjectNode> users() {
            return all(users, shop.users);
        }

        @Override
        public List<ObjectNode> products() {
            return all(products, shop.products);
        }

        @Override
        public List<ObjectNode> orders(int offset, int limit) {
            List<ObjectNode> all = all(orders, shop.orders);
            return all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit));
        }

        @Override
        public int orderCount() {
            return all(orders, shop.orders).size();
        }

        private void writable() {
            if (!writable) {
                throw new UnsupportedOperationException("a read cannot change the store");
            }
        }

        @Override
        public void putUser(ObjectNode user) {
            writable();
            users.put(user.get("user_id").asString(), Optional.of(user.deepCopy()));
        }

        @Override
        public void putOrder(ObjectNode order) {
            writable();
            orders.put(order.get("order_id").asString(), Optional.of(order.deepCopy()));
        }

        @Override
        public void putProduct(ObjectNode product) {
            writable();
            products.put(product.get("product_id").asString(), Optional.of(product.deepCopy()));
        }

        @Override
        public boolean deleteOrder(String orderId) {
            writable();
            boolean present = order(orderId).isPresent();
            orders.put(orderId, Optional.empty());
            return present;
        }

        @Override
        public boolean deleteProduct(String productId) {
            writable();
            boolean present = product(productId).isPresent();
            products.put(productId, Optional.empty());
            return present;
        }

        void commit() {
            apply(users, shop.users);
            apply(orders, shop.orders);
            apply(products, shop.products);
        }

        private static void apply(Map<String, Optional<ObjectNode>> staged, Map<String, ObjectNode> base) {
            staged.forEach((id, value) -> {
                if (value.isPresent()) {
                    base.put(id, value.get());
                } else {
                    base.remove(id);
                }
            });
        }
    }
}
