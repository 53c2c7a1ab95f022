package io.parley.conversation;

import java.util.Objects;

/**
 * A customer the business vouched for with a valid signature of their id. Only such customers are recorded:
 * unsigned customer details are never trusted.
 *
 * @param id the business's own id for the customer
 * @param email may be null
 * @param name may be null
 */
public record Customer(String id, String email, String name) {

    public Customer {
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.length() > 200) {
            throw new IllegalArgumentException("customer id must be 1 to 200 characters");
        }
        email = email == null || email.isBlank() ? null : truncate(email.strip(), 320);
        name = name == null || name.isBlank() ? null : truncate(name.strip(), 200);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
