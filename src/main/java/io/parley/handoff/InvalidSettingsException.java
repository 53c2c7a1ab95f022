package io.parley.handoff;

import java.util.List;

/**
 * Settings that cannot be saved, with every problem found: which field ({@code timeZone}, {@code weekly[2].close},
 * {@code keywords[0]}) and why, in words a member understands. Thrown by the records' constructors and parsers.
 */
public class InvalidSettingsException extends IllegalArgumentException {

    /** What is wrong with one field. */
    public record Problem(String field, String message) {}

    private final List<Problem> problems;

    public InvalidSettingsException(List<Problem> problems) {
        super(
                problems.isEmpty()
                        ? "invalid settings"
                        : problems.getFirst().field() + ": "
                                + problems.getFirst().message());
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid setting needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    static InvalidSettingsException of(String field, String message) {
        return new InvalidSettingsException(List.of(new Problem(field, message)));
    }

    public List<Problem> problems() {
        return problems;
    }
}
