package io.parley.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordTriggerTest {

    @Test
    void findsAKeywordWhateverItsCaseAndAccents() {
        KeywordTrigger trigger = KeywordTrigger.of(List.of("réembolso", "Lawyer"));

        assertThat(trigger.find("Quiero un REEMBOLSO ya")).contains("réembolso");
        assertThat(trigger.find("my lawyer will call you")).contains("Lawyer");
    }

    @Test
    void matchesWholeWordsAndPhrasesOnly() {
        KeywordTrigger trigger = KeywordTrigger.of(List.of("refund", "cancel my order"));

        assertThat(trigger.find("Refund, please!")).contains("refund");
        assertThat(trigger.find("It was refunded yesterday")).isEmpty();
        assertThat(trigger.find("I want to CANCEL my order.")).contains("cancel my order");
        assertThat(trigger.find("cancel the order for my sister")).isEmpty();
        assertThat(trigger.find("Can I cancel? My order is late"))
                .as("punctuation does not break a phrase")
                .contains("cancel my order");
    }

    @Test
    void aTrailingStarMatchesAnyEnding() {
        KeywordTrigger trigger = KeywordTrigger.of(List.of("refund*", "charge back*"));

        assertThat(trigger.find("It was refunded twice")).contains("refund*");
        assertThat(trigger.find("I'll do a chargeback")).isEmpty();
        assertThat(trigger.find("I will file a charge backs claim")).contains("charge back*");
        assertThat(trigger.find("a prefund")).isEmpty();
    }

    @Test
    void answersWithTheFirstListedKeywordTheMessageMentions() {
        KeywordTrigger trigger = KeywordTrigger.of(List.of("lawsuit", "refund"));

        assertThat(trigger.find("refund or I file a lawsuit")).contains("lawsuit");
    }

    @Test
    void findsNothingWithoutKeywordsOrText() {
        assertThat(KeywordTrigger.of(List.of()).find("refund")).isEmpty();
        assertThat(KeywordTrigger.of(List.of("refund")).find(null)).isEmpty();
        assertThat(KeywordTrigger.of(List.of("refund")).find("!!!")).isEmpty();
    }

    @Test
    void saysWhatIsWrongWithAKeyword() {
        assertThat(KeywordTrigger.problemWith("")).isEqualTo("A keyword cannot be blank.");
        assertThat(KeywordTrigger.problemWith("!!!")).isEqualTo("A keyword needs at least one letter or digit.");
        assertThat(KeywordTrigger.problemWith("re*fund")).startsWith("A * can only end a keyword");
        assertThat(KeywordTrigger.problemWith("re*"))
                .isEqualTo("A keyword ending in * needs at least three letters before it.");
        assertThat(KeywordTrigger.problemWith("two\nlines")).contains("one line");
        assertThat(KeywordTrigger.problemWith("x".repeat(101)))
                .isEqualTo("This keyword is 101 characters long; a keyword can have at most 100.");
        assertThat(KeywordTrigger.problemWith("e-mail")).isNull();
    }
}
