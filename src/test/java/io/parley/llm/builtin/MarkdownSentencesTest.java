package io.parley.llm.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.llm.builtin.MarkdownSentences.Sentence;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownSentencesTest {

    private static List<String> texts(String markdown) {
        return MarkdownSentences.of(markdown).stream().map(Sentence::text).toList();
    }

    @Test
    void cutsProseIntoSentencesAndKeepsTheirWording() {
        assertThat(texts("We ship to Canada. Standard shipping takes 5–8 business days.\nExpress costs $25."))
                .containsExactly(
                        "We ship to Canada.", "Standard shipping takes 5–8 business days.", "Express costs $25.");
    }

    @Test
    void dropsMarkupButKeepsTheWords() {
        assertThat(texts("**Express** shipping is *fast*: see [our rates](https://x.example/rates) and `code`."))
                .containsExactly("Express shipping is fast: see our rates and code.");
    }

    @Test
    void doesNotQuoteHeadingsButRemembersThemForTheSentencesBelow() {
        List<Sentence> sentences = MarkdownSentences.of("# Shipping\n\n## Canada\n\nIt takes 5 days.");

        assertThat(sentences).singleElement().satisfies(sentence -> {
            assertThat(sentence.text()).isEqualTo("It takes 5 days.");
            assertThat(sentence.heading()).isEqualTo("Canada");
        });
    }

    @Test
    void makesEachListItemASentenceOfItsOwn() {
        List<Sentence> sentences =
                MarkdownSentences.of("- Monday to Friday: 10 am to 7 pm\n- Saturday: closed\n1. First step.");

        assertThat(sentences)
                .extracting(Sentence::text)
                .containsExactly("Monday to Friday: 10 am to 7 pm", "Saturday: closed", "First step.");
        assertThat(sentences).extracting(Sentence::block).doesNotHaveDuplicates();
    }

    @Test
    void namesEachTableCellByItsColumn() {
        List<Sentence> rows = MarkdownSentences.of(
                """
                | Size | Chest (in) |
                | --- | --- |
                | S | 35–37 |
                | M | 38–40 |
                """);

        assertThat(rows)
                .extracting(Sentence::text)
                .containsExactly("Size: S; Chest (in): 35–37", "Size: M; Chest (in): 38–40");
        assertThat(rows).allMatch(Sentence::tableRow);
    }

    @Test
    void joinsShortLinesAsOneAddressAndLeavesCodeOut() {
        assertThat(texts("**Showroom**\n2150 Blake Street\nDenver, CO 80205\n\n```\nsecret()\n```"))
                .containsExactly("Showroom, 2150 Blake Street, Denver, CO 80205");
    }
}
