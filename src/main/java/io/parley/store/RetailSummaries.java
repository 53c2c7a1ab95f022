package io.parley.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The sentence a customer confirms before a retail write runs ("Cancel order #W2378156 (reason: …)"). */
final class RetailSummaries {

    private RetailSummaries() {}

    static Optional<String> of(StoreView store, String tool, JsonNode args) {
        String orderId = args.path("order_id").asString("");
        String method = args.path("payment_method_id").asString("");
        return Optional.ofNullable(
                switch (tool) {
                    case "cancel_pending_order" ->
                        "Cancel order " + orderId + items(store, orderId, null) + " (reason: "
                                + args.path("reason").asString("") + "); its payments are refunded";
                    case "modify_pending_order_address" ->
                        "Ship order " + orderId + " to " + address(args) + " instead";
                    case "modify_pending_order_payment" ->
                        "Pay order " + orderId + " with " + method + " instead; the original payment is refunded";
                    case "modify_pending_order_items" ->
                        "Change " + count(args) + " of order " + orderId + " (" + swaps(store, orderId, args)
                                + "), settling the price difference with " + method
                                + "; the order's items cannot be changed again";
                    case "exchange_delivered_order_items" ->
                        "Exchange " + count(args) + " of order " + orderId + " (" + swaps(store, orderId, args)
                                + "), settling the price difference with " + method;
                    case "return_delivered_order_items" ->
                        "Return " + count(args) + " of order " + orderId + items(store, orderId, ids(args, "item_ids"))
                                + " with a refund to " + method;
                    case "modify_user_address" -> "Change your default address to " + address(args);
                    default -> null;
                });
    }

    private static String count(JsonNode args) {
        int n = args.path("item_ids").size();
        return n == 1 ? "1 item" : n + " items";
    }

    private static String items(StoreView store, String orderId, List<String> ids) {
        Optional<ObjectNode> order = store.order(orderId);
        if (order.isEmpty()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        if (ids == null) {
            order.get()
                    .path("items")
                    .forEach(item -> names.add(item.path("name").asString("")));
        } else {
            names.addAll(RetailToolSource.itemNames(order.get(), ids));
        }
        return names.isEmpty() ? "" : " (" + String.join(", ", names) + ")";
    }

    private static String swaps(StoreView store, String orderId, JsonNode args) {
        List<String> old = ids(args, "item_ids");
        List<String> fresh = ids(args, "new_item_ids");
        List<String> names = store.order(orderId)
                .map(o -> RetailToolSource.itemNames(o, old))
                .orElse(old);
        StringJoiner swaps = new StringJoiner("; ");
        for (int i = 0; i < names.size(); i++) {
            String target = i < fresh.size() ? options(store, fresh.get(i)) : "?";
            swaps.add(names.get(i) + " → " + target);
        }
        return swaps.toString();
    }

    /** A variant's options ("blue, M, cotton"), or its id when it is not in the store. */
    private static String options(StoreView store, String itemId) {
        for (ObjectNode product : store.products()) {
            JsonNode variant = product.path("variants").get(itemId);
            if (variant != null) {
                StringJoiner values = new StringJoiner(", ");
                variant.path("options").values().forEach(v -> values.add(v.asString("")));
                return values.length() == 0 ? itemId : values.toString();
            }
        }
        return itemId;
    }

    private static List<String> ids(JsonNode args, String name) {
        List<String> ids = new ArrayList<>();
        args.path(name).forEach(v -> ids.add(v.asString("")));
        return ids;
    }

    private static String address(JsonNode args) {
        StringJoiner parts = new StringJoiner(", ");
        for (String field : List.of("address1", "address2", "city")) {
            String value = args.path(field).asString("").strip();
            if (!value.isEmpty()) {
                parts.add(value);
            }
        }
        String stateZip =
                (args.path("state").asString("") + " " + args.path("zip").asString("")).strip();
        if (!stateZip.isEmpty()) {
            parts.add(stateZip);
        }
        String country = args.path("country").asString("").strip();
        if (!country.isEmpty()) {
            parts.add(country);
        }
        return parts.toString();
    }
}
