package io.parley.store;

import java.util.List;

/** An order or product sent to the store's API is not valid; {@link #errors()} says what is wrong with each field. */
public class InvalidStoreEntityException extends RuntimeException {

    /** What is wrong with one field ({@code items[0].price}). */
    public record FieldError(String field, String message) {}

    private final List<FieldError> errors;

    public InvalidStoreEntityException(List<FieldError> errors) {
        super("invalid store entity", null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
