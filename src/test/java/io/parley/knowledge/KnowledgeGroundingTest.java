package io.parley.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.knowledge.index.Hit;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnowledgeGroundingTest {

    private final KnowledgeGrounding grounding =
            new KnowledgeGrounding(null, null, new KnowledgeGrounding.Confidence(0.25, 3, 0.15), null, Runnable::run);

    @Test
    void aShortQuestionOrOneThatPointsBackIsSearchedWithTheCustomersPreviousMessage() {
        List<String> earlier = List.of("I ordered the Alpine 2 tent last week");

        assertThat(KnowledgeGrounding.query("how much is it?", earlier)).contains("Alpine 2 tent");
        assertThat(KnowledgeGrounding.query("and to Canada?", earlier)).contains("Alpine 2 tent");
        assertThat(KnowledgeGrounding.query("Do you ship to Canada?", earlier)).isEqualTo("Do you ship to Canada?");
        assertThat(KnowledgeGrounding.query("and can I return that one after thirty days of use", earlier))
                .contains("Alpine 2 tent");
        assertThat(KnowledgeGrounding.query("What are your store opening hours on public holidays?", earlier))
                .isEqualTo("What are your store opening hours on public holidays?");
        assertThat(KnowledgeGrounding.query("how much?", List.of())).isEqualTo("how much?");
    }

    @Test
    void onlyPassagesCloseEnoughToTheQuestionAndToTheBestOneAreAnsweredFrom() {
        List<Hit> hits = List.of(hit("a", 0.62), hit("b", 0.50), hit("c", 0.30), hit("d", 0.20));

        assertThat(grounding.confident(hits)).extracting(Hit::chunkId).containsExactly("a", "b");
        assertThat(grounding.confident(List.of(hit("x", 0.24), hit("y", 0.1)))).isEmpty();
        assertThat(grounding.confident(List.of())).isEmpty();
    }

    @Test
    void greetingsAreNotGapsAndTheSameQuestionWrittenTwoWaysIsOneGap() {
        assertThat(KnowledgeGrounding.asksSomething("hi")).isFalse();
        assertThat(KnowledgeGrounding.asksSomething("thanks a lot")).isTrue();
        assertThat(KnowledgeGrounding.asksSomething("gift cards?")).isTrue();
        assertThat(KnowledgeGrounding.normalized("Do you ship to Mexico?"))
                .isEqualTo(KnowledgeGrounding.normalized("do you ship  to mexico"));
    }

    private static Hit hit(String id, double similarity) {
        return new Hit(id, "doc-" + id, "Title", null, "", "body", similarity, similarity, 0);
    }
}
