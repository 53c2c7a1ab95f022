package io.parley.web;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A failure to report to the client as a problem: thrown by controllers, rendered by {@link ProblemHandler}. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final String detail;
    private final List<FieldError> errors;
    private final Duration retryAfter;

    public ProblemException(ProblemType type, String detail, List<FieldError> errors, Duration retryAfter) {
        super(type.slug() + ": " + detail, null, false, false);
        this.type = type;
        this.detail = detail;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    /** A 400 listing what is wrong with each field. */
    public static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(
                ProblemType.VALIDATION_FAILED,
                errors.size() == 1 ? errors.getFirst().message() : "Some fields are not valid.",
                errors,
                null);
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return detail;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** What is wrong with one field of the request. */
    public record FieldError(String field, String message) {}
}
