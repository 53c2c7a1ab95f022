package io.parley.store;

import io.parley.store.InvalidStoreEntityException.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Checks orders and products sent to the store's API and rebuilds them in the store's exact shape. */
final class StoreEntities {

    private static final List<String> ADDRESS = List.of("address1", "address2", "city", "country", "state", "zip");
    private static final Set<String> ORDER_FIELDS = Set.of(
            "order_id",
            "user_id",
            "address",
            "items",
            "status",
            "fulfillments",
            "payment_history",
            "cancel_reason",
            "exchange_items",
            "exchange_new_items",
            "exchange_payment_method_id",
            "exchange_price_difference",
            "return_items",
            "return_payment_method_id");
    private static final Set<String> PRODUCT_FIELDS = Set.of("product_id", "name", "variants");

    private final List<FieldError> errors = new ArrayList<>();

    private StoreEntities() {}

    static ObjectNode order(JsonNode body, String orderId) {
        StoreEntities check = new StoreEntities();
        ObjectNode order = StoreJson.object();
        if (body == null || !body.isObject()) {
            throw new InvalidStoreEntityException(List.of(new FieldError("", "must be a JSON object (an order)")));
        }
        check.unknown(body, ORDER_FIELDS, "");
        order.put("order_id", orderId);
        order.put("user_id", check.text(body, "user_id", ""));
        order.set("address", check.address(body.get("address"), "address"));
        ArrayNode items = order.putArray("items");
        check.array(body, "items", "", false).forEach(e -> items.add(check.item(e.getValue(), e.getKey())));
        order.put("status", check.text(body, "status", ""));
        ArrayNode fulfillments = order.putArray("fulfillments");
        check.array(body, "fulfillments", "", true).forEach(e -> {
            ObjectNode f = StoreJson.object();
            if (!e.getValue().isObject()) {
                check.error(e.getKey(), "must be an object");
                return;
            }
            f.set("tracking_id", check.texts(e.getValue().get("tracking_id"), e.getKey() + ".tracking_id"));
            f.set("item_ids", check.texts(e.getValue().get("item_ids"), e.getKey() + ".item_ids"));
            fulfillments.add(f);
        });
        ArrayNode payments = order.putArray("payment_history");
        check.array(body, "payment_history", "", true).forEach(e -> {
            JsonNode p = e.getValue();
            ObjectNode payment = StoreJson.object();
            String type = check.text(p, "transaction_type", e.getKey() + ".");
            if (!type.isEmpty() && !type.equals("payment") && !type.equals("refund")) {
                check.error(e.getKey() + ".transaction_type", "must be payment or refund");
            }
            payment.put("transaction_type", type);
            payment.put("amount", check.number(p, "amount", e.getKey() + "."));
            payment.put("payment_method_id", check.text(p, "payment_method_id", e.getKey() + "."));
            payments.add(payment);
        });
        for (String field : List.of("cancel_reason", "exchange_payment_method_id", "return_payment_method_id")) {
            JsonNode v = body.get(field);
            if (v == null || v.isNull()) {
                order.putNull(field);
            } else if (!v.isString()) {
                check.error(field, "must be a string or null");
            } else {
                order.put(field, v.asString());
            }
        }
        for (String field : List.of("exchange_items", "exchange_new_items", "return_items")) {
            JsonNode v = body.get(field);
            order.set(field, v == null || v.isNull() ? order.nullNode() : check.texts(v, field));
        }
        JsonNode difference = body.get("exchange_price_difference");
        if (difference == null || difference.isNull()) {
            order.putNull("exchange_price_difference");
        } else if (!difference.isNumber()) {
            check.error("exchange_price_difference", "must be a number or null");
        } else {
            order.put("exchange_price_difference", difference.asDouble());
        }
        check.done();
        return order;
    }

    static ObjectNode product(JsonNode body, String productId) {
        StoreEntities check = new StoreEntities();
        if (body == null || !body.isObject()) {
            throw new InvalidStoreEntityException(List.of(new FieldError("", "must be a JSON object (a product)")));
        }
        check.unknown(body, PRODUCT_FIELDS, "");
        ObjectNode product = StoreJson.object();
        product.put("name", check.text(body, "name", ""));
        product.put("product_id", productId);
        ObjectNode variants = product.putObject("variants");
        JsonNode given = body.get("variants");
        if (given == null || !given.isObject()) {
            check.error("variants", "must be an object of item id → variant");
        } else {
            for (Map.Entry<String, JsonNode> e : given.properties()) {
                String where = "variants." + e.getKey();
                JsonNode v = e.getValue();
                if (!v.isObject()) {
                    check.error(where, "must be an object");
                    continue;
                }
                check.unknown(v, Set.of("item_id", "options", "available", "price"), where + ".");
                if (v.has("item_id") && !e.getKey().equals(v.path("item_id").asString(""))) {
                    check.error(where + ".item_id", "must be the variant's key, " + e.getKey());
                }
                ObjectNode variant = variants.putObject(e.getKey());
                variant.put("item_id", e.getKey());
                variant.set("options", check.options(v.get("options"), where + ".options"));
                JsonNode available = v.get("available");
                if (available == null || !available.isBoolean()) {
                    check.error(where + ".available", "must be true or false");
                }
                variant.put("available", available != null && available.asBoolean());
                variant.put("price", check.number(v, "price", where + "."));
            }
        }
        check.done();
        return product;
    }

    private void done() {
        if (!errors.isEmpty()) {
            throw new InvalidStoreEntityException(errors);
        }
    }

    private void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    private void unknown(JsonNode body, Set<String> known, String prefix) {
        body.propertyNames().forEach(name -> {
            if (!known.contains(name)) {
                error(prefix + name, "is not a field of this object");
            }
        });
    }

    private String text(JsonNode body, String field, String prefix) {
        JsonNode v = body == null ? null : body.get(field);
        if (v == null || !v.isString() || v.asString().isBlank()) {
            error(prefix + field, "must be a non-empty string");
            return "";
        }
        return v.asString();
    }

    private double number(JsonNode body, String field, String prefix) {
        JsonNode v = body == null ? null : body.get(field);
        if (v == null || !v.isNumber() || v.asDouble() < 0) {
            error(prefix + field, "must be a number, at least 0");
            return 0;
        }
        return v.asDouble();
    }

    private ArrayNode texts(JsonNode v, String field) {
        ArrayNode texts = StoreJson.MAPPER.createArrayNode();
        if (v == null || !v.isArray()) {
            error(field, "must be a list of strings");
            return texts;
        }
        for (JsonNode t : v) {
            if (!t.isString()) {
                error(field, "must be a list of strings");
                break;
            }
            texts.add(t.asString());
        }
        return texts;
    }

    private List<Map.Entry<String, JsonNode>> array(JsonNode body, String field, String prefix, boolean mayBeEmpty) {
        JsonNode v = body.get(field);
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        if (v == null || !v.isArray() || (!mayBeEmpty && v.isEmpty())) {
            error(prefix + field, mayBeEmpty ? "must be a list" : "must be a non-empty list");
            return entries;
        }
        for (int i = 0; i < v.size(); i++) {
            entries.add(Map.entry(prefix + field + "[" + i + "]", v.get(i)));
        }
        return entries;
    }

    private ObjectNode address(JsonNode v, String field) {
        ObjectNode address = StoreJson.object();
        if (v == null || !v.isObject()) {
            error(field, "must be an object with " + String.join(", ", ADDRESS));
            return address;
        }
        unknown(v, Set.copyOf(ADDRESS), field + ".");
        for (String part : ADDRESS) {
            JsonNode p = v.get(part);
            if (p == null
                    || !p.isString()
                    || (!part.equals("address2") && p.asString().isBlank())) {
                error(field + "." + part, "must be a string" + (part.equals("address2") ? "" : ", not empty"));
                address.put(part, "");
            } else {
                address.put(part, p.asString());
            }
        }
        return address;
    }

    private ObjectNode item(JsonNode v, String field) {
        ObjectNode item = StoreJson.object();
        if (!v.isObject()) {
            error(field, "must be an object");
            return item;
        }
        unknown(v, Set.of("name", "product_id", "item_id", "price", "options"), field + ".");
        item.put("name", text(v, "name", field + "."));
        item.put("product_id", text(v, "product_id", field + "."));
        item.put("item_id", text(v, "item_id", field + "."));
        item.put("price", number(v, "price", field + "."));
        item.set("options", options(v.get("options"), field + ".options"));
        return item;
    }

    private ObjectNode options(JsonNode v, String field) {
        ObjectNode options = StoreJson.object();
        if (v == null || !v.isObject()) {
            error(field, "must be an object of option → value");
            return options;
        }
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            if (!e.getValue().isString()) {
                error(field + "." + e.getKey(), "must be a string");
            } else {
                options.put(e.getKey(), e.getValue().asString());
            }
        }
        return options;
    }
}
