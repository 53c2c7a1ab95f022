package io.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;

/** Checks an RFC 9457 problem body (or an error frame's problem) for its status, type, title and detail. */
public final class ProblemAssertions {

    private ProblemAssertions() {}

    public static void assertProblem(JsonNode problem, int status, String type) {
        assertThat(problem.path("status").asInt()).as(problem.toString()).isEqualTo(status);
        assertThat(problem.path("type").asString()).isEqualTo(type);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("detail").asString()).isNotBlank();
    }
}
