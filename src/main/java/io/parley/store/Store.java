package io.parley.store;

import io.parley.store.InvalidStoreEntityException.FieldError;
import io.parley.tenant.OrganizationId;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The store's orders and products as the business manages them (the admin REST API). Every call takes the
 * organization and throws {@link StoreNotLoadedException} when it has no store; bodies that are not valid throw
 * {@link InvalidStoreEntityException}. Order ids are taken with or without their leading {@code #}. Thread-safe.
 */
public class Store {

    public static final int MAX_PAGE = 200;

    private final StoreData data;
    private final SecureRandom random = new SecureRandom();

    public Store(StoreData data) {
        this.data = data;
    }

    /** A page of orders or products, in the store's order. */
    public record Page(List<ObjectNode> items, int total, int offset, int limit) {}

    public boolean loaded(OrganizationId organization) {
        return data.loaded(organization);
    }

    /** {@code W2378156}, {@code #W2378156} and {@code  #W2378156 } all name order {@code #W2378156}. */
    public static String orderId(String id) {
        String trimmed = id == null ? "" : id.strip();
        return trimmed.startsWith("#") ? trimmed : "#" + trimmed;
    }

    public Page orders(OrganizationId organization, int offset, int limit) {
        return data.read(organization, view -> new Page(view.orders(offset, limit), view.orderCount(), offset, limit));
    }

    public Optional<ObjectNode> order(OrganizationId organization, String id) {
        return data.read(organization, view -> view.order(orderId(id)));
    }

    /** The orders of the user with this email (in any case), in the user's order; empty when no user has it. */
    public Optional<List<ObjectNode>> ordersOfUser(OrganizationId organization, String email) {
        return data.read(organization, view -> {
            String userId;
            try {
                userId = RetailTools.findByEmail(view, email);
            } catch (Refusal none) {
                return Optional.empty();
            }
            List<ObjectNode> orders = new java.util.ArrayList<>();
            view.user(userId).orElseThrow().path("orders").forEach(id -> view.order(id.asString(""))
                    .ifPresent(orders::add));
            return Optional.of(orders);
        });
    }

    /** Adds an order (with a new id unless the body has one) to its user's orders. */
    public ObjectNode createOrder(OrganizationId organization, JsonNode body) {
        return data.update(organization, view -> {
            JsonNode given = body == null ? null : body.get("order_id");
            String id;
            if (given != null && given.isString() && !given.asString().isBlank()) {
                id = orderId(given.asString());
                if (view.order(id).isPresent()) {
                    throw invalid("order_id", "an order with this id already exists");
                }
            } else {
                do {
                    id = "#W" + (1_000_000 + random.nextInt(9_000_000));
                } while (view.order(id).isPresent());
            }
            ObjectNode order = StoreEntities.order(body, id);
            ObjectNode user = owner(view, order);
            user.withArray("orders").add(id);
            view.putUser(user);
            view.putOrder(order);
            return order;
        });
    }

    /** Replaces an order; empty when there is none with this id. A new user_id moves it to that user's orders. */
    public Optional<ObjectNode> replaceOrder(OrganizationId organization, String id, JsonNode body) {
        String orderId = orderId(id);
        return data.update(organization, view -> {
            Optional<ObjectNode> old = view.order(orderId);
            if (old.isEmpty()) {
                return Optional.<ObjectNode>empty();
            }
            JsonNode given = body == null ? null : body.get("order_id");
            if (given != null && !(given.isString() && orderId(given.asString()).equals(orderId))) {
                throw invalid("order_id", "must be the order's id, " + orderId + ", or left out");
            }
            ObjectNode order = StoreEntities.order(body, orderId);
            ObjectNode user = owner(view, order);
            String oldUserId = old.get().path("user_id").asString("");
            if (!oldUserId.equals(user.path("user_id").asString())) {
                view.user(oldUserId).ifPresent(previous -> {
                    removeOrder(previous, orderId);
                    view.putUser(previous);
                });
                user.withArray("orders").add(orderId);
                view.putUser(user);
            }
            view.putOrder(order);
            return Optional.of(order);
        });
    }

    public boolean deleteOrder(OrganizationId organization, String id) {
        String orderId = orderId(id);
        return data.update(organization, view -> {
            Optional<ObjectNode> order = view.order(orderId);
            if (order.isEmpty()) {
                return false;
            }
            view.user(order.get().path("user_id").asString("")).ifPresent(user -> {
                removeOrder(user, orderId);
                view.putUser(user);
            });
            return view.deleteOrder(orderId);
        });
    }

    public Page products(OrganizationId organization, int offset, int limit) {
        return data.read(organization, view -> {
            List<ObjectNode> all = view.products();
            int from = Math.min(offset, all.size());
            return new Page(all.subList(from, Math.min(all.size(), from + limit)), all.size(), offset, limit);
        });
    }

    public Optional<ObjectNode> product(OrganizationId organization, String id) {
        return data.read(organization, view -> view.product(id.strip()));
    }

    public ObjectNode createProduct(OrganizationId organization, JsonNode body) {
        return data.update(organization, view -> {
            JsonNode given = body == null ? null : body.get("product_id");
            String id;
            if (given != null && given.isString() && !given.asString().isBlank()) {
                id = given.asString().strip();
                if (view.product(id).isPresent()) {
                    throw invalid("product_id", "a product with this id already exists");
                }
            } else {
                do {
                    id = String.valueOf(1_000_000_000L + (long) (random.nextDouble() * 9_000_000_000L));
                } while (view.product(id).isPresent());
            }
            ObjectNode product = StoreEntities.product(body, id);
            uniqueItems(view, product);
            view.putProduct(product);
            return product;
        });
    }

    public Optional<ObjectNode> replaceProduct(OrganizationId organization, String id, JsonNode body) {
        String productId = id.strip();
        return data.update(organization, view -> {
            if (view.product(productId).isEmpty()) {
                return Optional.<ObjectNode>empty();
            }
            JsonNode given = body == null ? null : body.get("product_id");
            if (given != null && !(given.isString() && given.asString().strip().equals(productId))) {
                throw invalid("product_id", "must be the product's id, " + productId + ", or left out");
            }
            ObjectNode product = StoreEntities.product(body, productId);
            uniqueItems(view, product);
            view.putProduct(product);
            return Optional.of(product);
        });
    }

    public boolean deleteProduct(OrganizationId organization, String id) {
        return data.update(organization, view -> view.deleteProduct(id.strip()));
    }

    private static ObjectNode owner(StoreView view, ObjectNode order) {
        return view.user(order.path("user_id").asString(""))
                .orElseThrow(() -> invalid("user_id", "no user of the store has this id"));
    }

    private static void removeOrder(ObjectNode user, String orderId) {
        ArrayNode orders = user.withArray("orders");
        for (int i = orders.size() - 1; i >= 0; i--) {
            if (orderId.equals(orders.get(i).asString(""))) {
                orders.remove(i);
            }
        }
    }

    /** An item id names one variant across the store: get_item_details searches every product. */
    private static void uniqueItems(StoreView view, ObjectNode product) {
        String id = product.get("product_id").asString();
        for (ObjectNode other : view.products()) {
            if (other.path("product_id").asString("").equals(id)) {
                continue;
            }
            for (String itemId : product.get("variants").propertyNames()) {
                if (other.path("variants").has(itemId)) {
                    throw invalid("variants." + itemId, "this item id belongs to product " + other.get("product_id"));
                }
            }
        }
    }

    private static InvalidStoreEntityException invalid(String field, String message) {
        return new InvalidStoreEntityException(List.of(new FieldError(field, message)));
    }
}
