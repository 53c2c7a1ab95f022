package io.parley.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.parley.actions.InvalidActionException.FieldProblem;
import io.parley.llm.Tool;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ActionRulesTest {

    static final String SCHEMA =
            "{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"string\"},\"people\":{\"type\":\"integer\"}},\"required\":[\"code\"]}";

    @Test
    void acceptsAWellFormedActionAndNormalizesIt() {
        ActionRules.Valid valid = ActionRules.check(
                new ActionDraft(
                        " look_up_booking ",
                        "Finds a booking by its code.",
                        SCHEMA,
                        "Read",
                        "get",
                        "https://api.example.com/bookings/{code}?lang=en",
                        Map.of("Authorization", "Bearer abc")),
                Map.of());

        assertThat(valid.name()).isEqualTo("look_up_booking");
        assertThat(valid.kind()).isEqualTo(Tool.Kind.READ);
        assertThat(valid.method()).isEqualTo("GET");
        assertThat(valid.headers()).containsEntry("Authorization", "Bearer abc");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "name|bad name!|",
                "name|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|",
                "description||",
                "parameters|not json|",
                "parameters|[1,2]|",
                "parameters|{\"type\":\"string\"}|",
                "parameters|{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"strung\"}}}|",
                "parameters|{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"https://evil.example/s.json\"}}}|",
                "parameters|{\"type\":\"object\",\"minProperties\":-1}|",
                "kind|delete|",
                "method|TRACE|",
                "url|ftp://example.com/x|",
                "url|/relative/path|",
                "url|https://{code}.example.com/x|",
                "url|https://api.example.com:{code}/x|",
                "url|https://api.example.com/orders/{unknown}|",
                "url|https://user:pw@api.example.com/x|",
                "url|https://api.example.com/x#frag|",
                "headers.Host|Host|example.com",
                "headers.Connection|Connection|close",
                "headers.X-Parley-Signature|X-Parley-Signature|v1=forged",
                "headers.Idempotency-Key|Idempotency-Key|k",
                "headers.X-Key|X-Key|••••abcd",
                "headers.X-Key|X-Key|",
            })
    void refusesEachFieldThatIsNotValid(String field, String value, String headerValue) {
        Map<String, String> draft = new LinkedHashMap<>(Map.of(
                "name", "look_up_booking",
                "description", "Finds a booking.",
                "parameters", SCHEMA,
                "kind", "read",
                "method", "GET",
                "url", "https://api.example.com/bookings/{code}"));
        Map<String, String> headers = new LinkedHashMap<>();
        if (field.startsWith("headers.")) {
            headers.put(value, headerValue == null ? "" : headerValue);
        } else {
            draft.put(field, value);
        }

        InvalidActionException e = catchThrowableOfType(
                InvalidActionException.class,
                () -> ActionRules.check(
                        new ActionDraft(
                                draft.get("name"),
                                draft.get("description"),
                                draft.get("parameters"),
                                draft.get("kind"),
                                draft.get("method"),
                                draft.get("url"),
                                headers),
                        Map.of()));

        assertThat(e).as("%s = %s", field, value).isNotNull();
        assertThat(e.problems()).extracting(FieldProblem::field).containsExactly(field);
        assertThat(e.nameTaken()).isFalse();
        if (headerValue != null) {
            assertThat(e.getMessage()).doesNotContain(headerValue.isEmpty() ? "\u0000" : headerValue);
        }
    }

    @Test
    void refusesMoreThanTwentyHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < 21; i++) {
            headers.put("X-H" + i, "v");
        }
        InvalidActionException e = catchThrowableOfType(
                InvalidActionException.class,
                () -> ActionRules.check(
                        new ActionDraft("a", "b", SCHEMA, "read", "GET", "https://api.example.com/{code}", headers),
                        Map.of()));
        assertThat(e.problems()).extracting(FieldProblem::field).containsExactly("headers");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer a-long-secret-token-1234", "short"})
    void aValueSentBackMaskedKeepsTheStoredOne(String stored) {
        ActionRules.Valid valid = ActionRules.check(
                new ActionDraft(
                        "a",
                        "b",
                        SCHEMA,
                        "write",
                        "POST",
                        "https://api.example.com/x",
                        Map.of("authorization", HeaderSecrets.mask(stored))),
                Map.of("Authorization", stored));

        assertThat(valid.headers()).containsExactly(Map.entry("authorization", stored));
    }

    @Test
    void masksShowNothingOfAShortValueAndTheLastFourOfALongOne() {
        assertThat(HeaderSecrets.mask("short-secret")).isEqualTo("••••");
        assertThat(HeaderSecrets.mask("Bearer a-long-secret-token-1234")).isEqualTo("••••1234");
    }
}
