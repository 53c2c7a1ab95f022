package io.parley.store;

import io.parley.conversation.ToolResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * What the sixteen tools do to a store, exactly as τ²-bench's retail tools do it (TOOLS.md): same results, same error
 * messages, checks in the same order, and nothing put back unless every check passed. A customer's call is restricted
 * to that customer's user and orders. Stateless and thread-safe.
 */
final class RetailTools {

    static final String ORDER_NOT_THEIRS = "Order not found for this customer";
    static final String USER_NOT_THEIRS = "User not found for this customer";

    /**
     * Whose data a call may touch.
     *
     * @param byBusiness a member of the business: anything
     * @param customer otherwise, the store user id or email the conversation is bound to; null when it is not bound
     */
    record Caller(boolean byBusiness, @Nullable String customer) {
        static final Caller BUSINESS = new Caller(true, null);
    }

    private RetailTools() {}

    static ToolResult run(StoreView store, String tool, JsonNode args, Caller caller) {
        try {
            return switch (tool) {
                case "find_user_id_by_email" -> identified(findByEmail(store, text(args, "email")));
                case "find_user_id_by_name_zip" ->
                    identified(
                            findByNameZip(store, text(args, "first_name"), text(args, "last_name"), text(args, "zip")));
                case "get_user_details" -> done(user(store, text(args, "user_id"), caller));
                case "get_order_details" -> done(order(store, text(args, "order_id"), caller));
                case "get_product_details" -> done(product(store, text(args, "product_id")));
                case "get_item_details" -> done(item(store, text(args, "item_id")));
                case "list_all_product_types" -> done(productTypes(store));
                case "calculate" -> done(StringNode.valueOf(Calculator.calculate(text(args, "expression"))));
                case "transfer_to_human_agents" -> done(StringNode.valueOf("Transfer successful"));
                case "cancel_pending_order" -> done(cancel(store, args, caller));
                case "modify_pending_order_address" -> done(modifyAddress(store, args, caller));
                case "modify_pending_order_payment" -> done(modifyPayment(store, args, caller));
                case "modify_pending_order_items" -> done(modifyItems(store, args, caller));
                case "exchange_delivered_order_items" -> done(exchange(store, args, caller));
                case "return_delivered_order_items" -> done(returnItems(store, args, caller));
                case "modify_user_address" -> done(modifyUserAddress(store, args, caller));
                default -> new ToolResult.Failed("Unknown tool " + tool);
            };
        } catch (Refusal refusal) {
            return new ToolResult.Failed(refusal.getMessage());
        }
    }

    private static ToolResult done(JsonNode result) {
        return new ToolResult.Done(StoreJson.write(result));
    }

    private static ToolResult identified(String userId) {
        return new ToolResult.Done(StoreJson.write(StringNode.valueOf(userId)), userId);
    }

    // Lookups

    static String findByEmail(StoreView store, String email) {
        for (ObjectNode user : store.users()) {
            if (user.path("email").asString("").toLowerCase(Locale.ROOT).equals(email.toLowerCase(Locale.ROOT))) {
                return user.get("user_id").asString();
            }
        }
        throw new Refusal("User not found");
    }

    private static String findByNameZip(StoreView store, String first, String last, String zip) {
        for (ObjectNode user : store.users()) {
            JsonNode name = user.path("name");
            if (name.path("first_name").asString("").toLowerCase(Locale.ROOT).equals(first.toLowerCase(Locale.ROOT))
                    && name.path("last_name")
                            .asString("")
                            .toLowerCase(Locale.ROOT)
                            .equals(last.toLowerCase(Locale.ROOT))
                    && user.path("address").path("zip").asString("").equals(zip)) {
                return user.get("user_id").asString();
            }
        }
        throw new Refusal("User not found");
    }

    /** The store user a customer is, by user id or by email; empty when the customer is none of the store's users. */
    static Optional<String> customerUserId(StoreView store, @Nullable String customer) {
        if (customer == null || customer.isBlank()) {
            return Optional.empty();
        }
        if (store.user(customer).isPresent()) {
            return Optional.of(customer);
        }
        try {
            return Optional.of(findByEmail(store, customer));
        } catch (Refusal notFound) {
            return Optional.empty();
        }
    }

    private static ObjectNode user(StoreView store, String userId, Caller caller) {
        if (!caller.byBusiness()
                && !customerUserId(store, caller.customer())
                        .filter(userId::equals)
                        .isPresent()) {
            throw new Refusal(USER_NOT_THEIRS);
        }
        return store.user(userId).orElseThrow(() -> new Refusal("User not found"));
    }

    private static ObjectNode order(StoreView store, String orderId, Caller caller) {
        ObjectNode order = store.order(orderId).orElseThrow(() -> new Refusal("Order not found"));
        if (!caller.byBusiness()
                && !customerUserId(store, caller.customer())
                        .filter(order.path("user_id").asString("")::equals)
                        .isPresent()) {
            throw new Refusal(ORDER_NOT_THEIRS);
        }
        return order;
    }

    private static ObjectNode product(StoreView store, String productId) {
        return store.product(productId).orElseThrow(() -> new Refusal("Product not found"));
    }

    private static JsonNode item(StoreView store, String itemId) {
        for (ObjectNode product : store.products()) {
            JsonNode variant = product.path("variants").get(itemId);
            if (variant != null) {
                return variant;
            }
        }
        throw new Refusal("Item not found");
    }

    private static JsonNode productTypes(StoreView store) {
        List<ObjectNode> products = new ArrayList<>(store.products());
        ObjectNode types = StoreJson.object();
        List<String> names = new ArrayList<>();
        java.util.Map<String, String> ids = new java.util.HashMap<>();
        for (ObjectNode product : products) {
            String name = product.path("name").asString("");
            if (ids.put(name, product.path("product_id").asString("")) == null) {
                names.add(name);
            }
        }
        Collections.sort(names);
        names.forEach(name -> types.put(name, ids.get(name)));
        return types;
    }

    private static JsonNode variant(StoreView store, String productId, String itemId) {
        JsonNode variant = product(store, productId).path("variants").get(itemId);
        if (variant == null) {
            throw new Refusal("Variant not found");
        }
        return variant;
    }

    private static ObjectNode paymentMethod(ObjectNode user, String paymentMethodId) {
        JsonNode method = user.path("payment_methods").get(paymentMethodId);
        if (method == null || !method.isObject()) {
            throw new Refusal("Payment method not found");
        }
        return (ObjectNode) method;
    }

    private static ObjectNode owner(StoreView store, ObjectNode order) {
        return store.user(order.path("user_id").asString("")).orElseThrow(() -> new Refusal("User not found"));
    }

    private static boolean giftCard(JsonNode method) {
        return "gift_card".equals(method.path("source").asString(""));
    }

    private static double balance(JsonNode method) {
        return method.path("balance").asDouble(0);
    }

    // Writes

    private static ObjectNode cancel(StoreView store, JsonNode args, Caller caller) {
        ObjectNode order = order(store, text(args, "order_id"), caller);
        if (!"pending".equals(status(order))) {
            throw new Refusal("Non-pending order cannot be cancelled");
        }
        String reason = text(args, "reason");
        if (!reason.equals("no longer needed") && !reason.equals("ordered by mistake")) {
            throw new Refusal("Invalid reason");
        }
        ObjectNode user = null;
        List<ObjectNode> refunds = new ArrayList<>();
        for (JsonNode payment : order.path("payment_history")) {
            String methodId = payment.path("payment_method_id").asString("");
            double amount = payment.path("amount").asDouble();
            refunds.add(payment("refund", amount, methodId));
            if (user == null) {
                user = owner(store, order);
            }
            ObjectNode method = paymentMethod(user, methodId);
            if (giftCard(method)) {
                method.put("balance", StoreJson.money(balance(method) + amount));
            }
        }
        order.put("status", "cancelled");
        order.put("cancel_reason", reason);
        ArrayNode history = order.withArray("payment_history");
        refunds.forEach(history::add);
        if (user != null) {
            store.putUser(user);
        }
        store.putOrder(order);
        return order;
    }

    private static ObjectNode modifyAddress(StoreView store, JsonNode args, Caller caller) {
        ObjectNode order = order(store, text(args, "order_id"), caller);
        if (!status(order).contains("pending")) {
            throw new Refusal("Non-pending order cannot be modified");
        }
        order.set("address", address(args));
        store.putOrder(order);
        return order;
    }

    private static ObjectNode modifyPayment(StoreView store, JsonNode args, Caller caller) {
        ObjectNode order = order(store, text(args, "order_id"), caller);
        if (!status(order).contains("pending")) {
            throw new Refusal("Non-pending order cannot be modified");
        }
        String methodId = text(args, "payment_method_id");
        ObjectNode user = owner(store, order);
        ObjectNode method = paymentMethod(user, methodId);
        JsonNode history = order.path("payment_history");
        if (history.size() != 1
                || !"payment".equals(history.get(0).path("transaction_type").asString(""))) {
            throw new Refusal("There should be exactly one payment for a pending order");
        }
        String oldMethodId = history.get(0).path("payment_method_id").asString("");
        if (oldMethodId.equals(methodId)) {
            throw new Refusal("The new payment method should be different from the current one");
        }
        double amount = history.get(0).path("amount").asDouble();
        if (giftCard(method) && balance(method) < amount) {
            throw new Refusal("Insufficient gift card balance to pay for the order");
        }
        ObjectNode oldMethod = paymentMethod(user, oldMethodId);
        order.withArray("payment_history").add(payment("payment", amount, methodId));
        order.withArray("payment_history").add(payment("refund", amount, oldMethodId));
        if (giftCard(method)) {
            method.put("balance", StoreJson.money(balance(method) - amount));
        }
        if (giftCard(oldMethod)) {
            oldMethod.put("balance", StoreJson.money(balance(oldMethod) + amount));
        }
        store.putUser(user);
        store.putOrder(order);
        return order;
    }

    private static ObjectNode modifyItems(StoreView store, JsonNode args, Caller caller) {
        ObjectNode order = order(store, text(args, "order_id"), caller);
        if (!"pending".equals(status(order))) {
            throw new Refusal("Non-pending order cannot be modified");
        }
        List<String> itemIds = texts(args, "item_ids");
        List<String> newItemIds = texts(args, "new_item_ids");
        List<String> orderItemIds = orderItemIds(order);
        for (String itemId : itemIds) {
            if (Collections.frequency(itemIds, itemId) > Collections.frequency(orderItemIds, itemId)) {
                throw new Refusal(itemId + " not found");
            }
        }
        if (itemIds.size() != newItemIds.size()) {
            throw new Refusal("The number of items to be exchanged should match");
        }
        double difference = 0;
        List<JsonNode> variants = new ArrayList<>();
        for (int i = 0; i < itemIds.size(); i++) {
            if (itemIds.get(i).equals(newItemIds.get(i))) {
                throw new Refusal("The new item id should be different from the old item id");
            }
            JsonNode item = firstItem(order, itemIds.get(i));
            JsonNode variant = variant(store, item.path("product_id").asString(""), newItemIds.get(i));
            if (!variant.path("available").asBoolean(false)) {
                throw new Refusal("New item " + newItemIds.get(i) + " not found or available");
            }
            difference += variant.path("price").asDouble() - item.path("price").asDouble();
            variants.add(variant);
        }
        String methodId = text(args, "payment_method_id");
        ObjectNode user = owner(store, order);
        ObjectNode method = paymentMethod(user, methodId);
        if (giftCard(method) && balance(method) < difference) {
            throw new Refusal("Insufficient gift card balance to pay for the new item");
        }
        order.withArray("payment_history")
                .add(payment(difference > 0 ? "payment" : "refund", Math.abs(difference), methodId));
        if (giftCard(method)) {
            method.put("balance", StoreJson.money(balance(method) - difference));
            store.putUser(user);
        }
        // Each item takes its own new variant's id, price and options (the reference gave every item the last one's).
        for (int i = 0; i < itemIds.size(); i++) {
            ObjectNode item = firstItem(order, itemIds.get(i));
            JsonNode variant = variants.get(i);
            item.put("item_id", newItemIds.get(i));
            item.set("price", variant.get("price").deepCopy());
            item.set("options", variant.get("options").deepCopy());
        }
        order.put("status", "pending (item modified)");
        store.putOrder(order);
        return order;
    }

    private static ObjectNode exchange(StoreView store, JsonNode args, Caller caller) {
        ObjectNode order = order(store, text(args, "order_id"), caller);
        if (!"delivered".equals(status(order))) {
            throw new Refusal("Non-delivered order cannot be exchanged");
        }
        List<String> itemIds = texts(args, "item_ids");
        List<String> newItemIds = texts(args, "new_item_ids");
        List<String> orderItemIds = orderItemIds(order);
        for (String itemId : itemIds) {
            if (Collections.frequency(itemIds, itemId) > Collections.frequency(orderItemIds, itemId)) {
                throw new Refusal("Number of " + itemId + " not found.");
            }
        }
        if (itemIds.size() != newItemIds.size()) {
            throw new Refusal("The number of items to be exchanged should match.");
        }
        double difference = 0;
        for (int i = 0; i < itemIds.size(); i++) {
            JsonNode item = firstItem(order, itemIds.get(i));
            JsonNode variant = variant(store, item.path("product_id").asString(""), newItemIds.get(i));
            if (!variant.path("available").asBoolean(false)) {
                throw new Refusal("New item " + newItemIds.get(i) + " not found or available");
            }
            difference += variant.path("price").asDouble() - item.path("price").asDouble();
        }
        difference = StoreJson.money(difference);
        String methodId = text(args, "payment_method_id");
        ObjectNode method = paymentMethod(owner(store, order), methodId);
        if (giftCard(method) && balance(method) < difference) {
            throw new Refusal("Insufficient gift card balance to pay for the price difference");
        }
        order.put("status", "exchange requested");
        order.set("exchange_items", sortedArray(itemIds));
        order.set("exchange_new_items", sortedArray(newItemIds));
        order.put("exchange_payment_method_id", methodId);
        order.put("exchange_price_difference", difference);
        store.putOrder(order);
        return order;
    }

    private static ObjectNode returnItems(StoreView store, JsonNode args, Caller caller) {
        ObjectNode order = order(store, text(args, "order_id"), caller);
        if (!"delivered".equals(status(order))) {
            throw new Refusal("Non-delivered order cannot be returned");
        }
        String methodId = text(args, "payment_method_id");
        ObjectNode method = paymentMethod(owner(store, order), methodId);
        JsonNode firstPayment = order.path("payment_history").path(0);
        if (!giftCard(method)
                && !methodId.equals(firstPayment.path("payment_method_id").asString(""))) {
            throw new Refusal("Payment method should be the original payment method");
        }
        List<String> itemIds = texts(args, "item_ids");
        List<String> orderItemIds = orderItemIds(order);
        for (String itemId : itemIds) {
            if (Collections.frequency(itemIds, itemId) > Collections.frequency(orderItemIds, itemId)) {
                throw new Refusal("Some item not found");
            }
        }
        order.put("status", "return requested");
        order.set("return_items", sortedArray(itemIds));
        order.put("return_payment_method_id", methodId);
        store.putOrder(order);
        return order;
    }

    private static ObjectNode modifyUserAddress(StoreView store, JsonNode args, Caller caller) {
        ObjectNode user = user(store, text(args, "user_id"), caller);
        user.set("address", address(args));
        store.putUser(user);
        return user;
    }

    // Helpers

    private static String status(JsonNode order) {
        return order.path("status").asString("");
    }

    private static List<String> orderItemIds(JsonNode order) {
        List<String> ids = new ArrayList<>();
        order.path("items").forEach(item -> ids.add(item.path("item_id").asString("")));
        return ids;
    }

    private static ObjectNode firstItem(JsonNode order, String itemId) {
        for (JsonNode item : order.path("items")) {
            if (itemId.equals(item.path("item_id").asString(""))) {
                return (ObjectNode) item;
            }
        }
        throw new Refusal("Item " + itemId + " not found");
    }

    private static ObjectNode payment(String type, double amount, String methodId) {
        ObjectNode payment = StoreJson.object();
        payment.put("transaction_type", type);
        payment.put("amount", amount);
        payment.put("payment_method_id", methodId);
        return payment;
    }

    private static ObjectNode address(JsonNode args) {
        ObjectNode address = StoreJson.object();
        for (String field : List.of("address1", "address2", "city", "country", "state", "zip")) {
            address.put(field, text(args, field));
        }
        return address;
    }

    private static ArrayNode sortedArray(List<String> values) {
        ArrayNode array = StoreJson.MAPPER.createArrayNode();
        values.stream().sorted().forEach(array::add);
        return array;
    }

    static String text(JsonNode args, String name) {
        JsonNode value = args.get(name);
        if (value == null || value.isNull()) {
            throw new Refusal("Missing argument " + name);
        }
        return value.isString() ? value.asString() : value.toString();
    }

    static List<String> texts(JsonNode args, String name) {
        JsonNode value = args.get(name);
        if (value == null || !value.isArray()) {
            throw new Refusal("Missing argument " + name + " (a list of ids)");
        }
        List<String> texts = new ArrayList<>();
        value.forEach(v -> texts.add(v.isString() ? v.asString() : v.toString()));
        return texts;
    }
}
