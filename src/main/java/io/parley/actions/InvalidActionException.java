package io.parley.actions;

import java.util.List;

/**
 * An action that cannot be saved. Each problem names the field at fault ({@code name}, {@code parameters},
 * {@code url}, {@code headers}, …) with a message safe to show; {@link #nameTaken()} says the only problem is that
 * the name is taken, by another of the organization's actions or by another tool of its assistant (a conflict rather
 * than a mistake in the input).
 */
public final class InvalidActionException extends RuntimeException {

    /** What is wrong with one field. */
    public record FieldProblem(String field, String message) {}

    private final List<FieldProblem> problems;
    private final boolean nameTaken;

    InvalidActionException(List<FieldProblem> problems, boolean nameTaken) {
        super(problems.size() == 1 ? problems.getFirst().message() : "Some fields are not valid.", null, false, false);
        this.problems = List.copyOf(problems);
        this.nameTaken = nameTaken;
    }

    static InvalidActionException nameTaken(String name) {
        return new InvalidActionException(
                List.of(new FieldProblem("name", "Your organization already has an action named " + name + ".")), true);
    }

    static InvalidActionException toolTaken(String name) {
        return new InvalidActionException(
                List.of(new FieldProblem(
                        "name",
                        name + " is already a tool of your assistant: give this action another name, so that the"
                                + " assistant can tell the two apart.")),
                true);
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    public boolean nameTaken() {
        return nameTaken;
    }
}
