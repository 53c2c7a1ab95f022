package io.parley.store;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * One organization's store as one read or one write sees it. Every object it returns is the caller's own copy:
 * changing it changes nothing until it is put back. Only the view of a write accepts puts and deletes; they take
 * effect when the write commits. Not thread-safe; valid only inside the call that handed it out.
 */
public interface StoreView {

    Optional<ObjectNode> user(String userId);

    Optional<ObjectNode> order(String orderId);

    Optional<ObjectNode> product(String productId);

    /** Every user, in the store's order. */
    List<ObjectNode> users();

    /** Every product, in the store's order. */
    List<ObjectNode> products();

    /** A page of orders in the store's order. */
    List<ObjectNode> orders(int offset, int limit);

    int orderCount();

    /** Adds the user or replaces the one with its {@code user_id}. */
    void putUser(ObjectNode user);

    /** Adds the order or replaces the one with its {@code order_id}. */
    void putOrder(ObjectNode order);

    /** Adds the product or replaces the one with its {@code product_id}. */
    void putProduct(ObjectNode product);

    boolean deleteOrder(String orderId);

    boolean deleteProduct(String productId);
}
