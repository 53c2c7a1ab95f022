package io.parley.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.handoff.InvalidSettingsException.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EscalationSettingsTest {

    @Test
    void theDefaultsAskForAPersonAfterThreeNegativeMessagesOrTwoFallbacks() {
        assertThat(EscalationSettings.DEFAULT).isEqualTo(new EscalationSettings(true, 3, 2, List.of(), List.of("en")));
    }

    @Test
    void tidiesKeywordsAndLanguages() {
        EscalationSettings settings = new EscalationSettings(
                true, 0, 0, List.of("  refund ", "Refund", "réclamation", "REFUND*"), List.of(" DE", "fr", "de"));

        assertThat(settings.keywords()).containsExactly("refund", "réclamation", "REFUND*");
        assertThat(settings.languages()).containsExactly("de", "fr");
        assertThat(new EscalationSettings(true, 3, 2, null, null))
                .as("missing lists take their defaults")
                .isEqualTo(EscalationSettings.DEFAULT);
    }

    @Test
    void namesEveryFieldThatIsWrong() {
        assertThatThrownBy(() -> new EscalationSettings(
                        true, 21, -1, Arrays.asList("ok", " ", null, "x".repeat(101)), List.of("en", "xx")))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems())
                        .containsExactly(
                                new Problem("negativeTurns", "21 is not between 0 (off) and 20."),
                                new Problem("fallbackTurns", "-1 is not between 0 (off) and 20."),
                                new Problem("keywords[1]", "A keyword cannot be blank."),
                                new Problem("keywords[2]", "A keyword cannot be blank."),
                                new Problem(
                                        "keywords[3]",
                                        "This keyword is 101 characters long; a keyword can have at most 100."),
                                new Problem(
                                        "languages[1]",
                                        "'xx' is not a language Parley recognises requests for a person in."
                                                + " Choose from: en, es, fr, de, it, pt, nl.")));
    }

    @Test
    void takesAtMostFiftyKeywords() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add("keyword " + i);
        }

        assertThatThrownBy(() -> new EscalationSettings(true, 3, 2, many, List.of()))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.problems())
                        .containsExactly(new Problem("keywords", "There are 51 keywords; there can be at most 50.")));
        assertThat(new EscalationSettings(true, 3, 2, many.subList(0, 50), List.of()).keywords())
                .hasSize(50);
    }
}
