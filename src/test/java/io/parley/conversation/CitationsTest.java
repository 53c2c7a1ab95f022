package io.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.llm.Passage;
import java.util.List;
import org.junit.jupiter.api.Test;

class CitationsTest {

    private static final KnowledgeBase.Grounding TWO = new KnowledgeBase.Grounding(List.of(
            new KnowledgeBase.Source(
                    new Passage("1", "Shipping", "https://shop.example/shipping", "Five to eight" + " days to Canada."),
                    "d1"),
            new KnowledgeBase.Source(new Passage("2", "Returns", null, "Thirty days."), "d2")));

    @Test
    void citesThePassagesTheReplyMarksInTheOrderItMarksThem() {
        List<Citation> cited = Citations.of("Thirty days [2]. And about a week to Canada [1][2].", TWO, true);

        assertThat(cited).extracting(Citation::ref).containsExactly("2", "1");
        assertThat(cited.get(1).url()).isEqualTo("https://shop.example/shipping");
        assertThat(cited.get(1).documentId()).isEqualTo("d1");
    }

    @Test
    void aReplyWithoutMarkersCitesEveryPassageItWasGivenAndAMarkerForNoPassageIsIgnored() {
        assertThat(Citations.of("About a week.", TWO, true))
                .extracting(Citation::ref)
                .containsExactly("1", "2");
        assertThat(Citations.of("See [7].", TWO, true))
                .extracting(Citation::ref)
                .containsExactly("1", "2");
    }

    @Test
    void theFallbackMessageAndAnUngroundedReplyCiteNothing() {
        assertThat(Citations.of("Sorry, I can't help right now.", TWO, false)).isEmpty();
        assertThat(Citations.of("Hello! [1]", KnowledgeBase.Grounding.NONE, true))
                .isEmpty();
    }

    @Test
    void aSnippetIsTheStartOfThePassageCutAtAWord() {
        String snippet = Citations.snippet("word ".repeat(100));

        assertThat(snippet).endsWith(" …").startsWith("word word");
        assertThat(snippet.length()).isLessThanOrEqualTo(Citations.SNIPPET_LENGTH + 2);
    }
}
