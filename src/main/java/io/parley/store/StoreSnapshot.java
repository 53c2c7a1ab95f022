package io.parley.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A whole store: its users, orders and products as JSON objects, each list in the store's order (the order
 * {@code db.json} lists them, new entries last). The lists and objects are not copied: callers that share a snapshot
 * take a {@link #copy()}.
 */
public record StoreSnapshot(List<ObjectNode> users, List<ObjectNode> orders, List<ObjectNode> products) {

    /** The optional fields every order carries, null until a tool sets them. */
    public static final List<String> ORDER_OPTIONAL_FIELDS = List.of(
            "cancel_reason",
            "exchange_items",
            "exchange_new_items",
            "exchange_payment_method_id",
            "exchange_price_difference",
            "return_items",
            "return_payment_method_id");

    public StoreSnapshot {
        users = List.copyOf(Objects.requireNonNull(users, "users"));
        orders = List.copyOf(Objects.requireNonNull(orders, "orders"));
        products = List.copyOf(Objects.requireNonNull(products, "products"));
    }

    /** Reads a store in {@code db.json}'s shape: {"users": {id: user}, "orders": {id: order}, "products": {…}}. */
    public static StoreSnapshot read(InputStream json) {
        JsonNode root;
        try (json) {
            root = StoreJson.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ObjectNode> orders = values(root.get("orders"));
        orders.forEach(StoreSnapshot::withOptionalFields);
        return new StoreSnapshot(values(root.get("users")), orders, values(root.get("products")));
    }

    /** Sets every optional order field that is absent to null. */
    public static ObjectNode withOptionalFields(ObjectNode order) {
        for (String field : ORDER_OPTIONAL_FIELDS) {
            if (!order.has(field)) {
                order.putNull(field);
            }
        }
        return order;
    }

    private static List<ObjectNode> values(JsonNode map) {
        List<ObjectNode> values = new ArrayList<>();
        if (map != null) {
            for (JsonNode value : map.values()) {
                values.add((ObjectNode) value);
            }
        }
        return values;
    }

    /** A deep copy: changing it leaves this snapshot as it is. */
    public StoreSnapshot copy() {
        return new StoreSnapshot(deep(users), deep(orders), deep(products));
    }

    private static List<ObjectNode> deep(List<ObjectNode> items) {
        List<ObjectNode> copy = new ArrayList<>(items.size());
        for (ObjectNode item : items) {
            copy.add(item.deepCopy());
        }
        return copy;
    }

    /** The SHA-256 of the store as τ²-bench hashes it. */
    public String hash() {
        return StoreJson.hash(this);
    }
}
