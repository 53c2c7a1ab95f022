package io.parley.knowledge.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.knowledge.Embeddings;
import io.parley.knowledge.index.SearchMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabeledSetTest {

    @TempDir
    Path directory;

    @Test
    void everyBankingQuestionNamesDocumentsThatExistAndTheSplitsAreHalves() {
        LabeledSet banking = LabeledSet.banking();

        assertThat(banking.documents()).hasSize(698);
        assertThat(banking.questions()).hasSizeGreaterThanOrEqualTo(100);
        assertThat(banking.questions()).allSatisfy(q -> assertThat(q.expected()).isNotEmpty());
        long tune = banking.split("tune").questions().size();
        long test = banking.split("test").questions().size();
        assertThat(Math.abs(tune - test)).isLessThanOrEqualTo(1);
        Set<String> distinct = new HashSet<>();
        banking.questions().forEach(q -> assertThat(distinct.add(q.question()))
                .as("asked twice: " + q.question())
                .isTrue());
    }

    @Test
    void theFaqIsMadeOfShortEntriesTitledByTheirQuestion() {
        LabeledSet faq = LabeledSet.bankingFaq();

        assertThat(faq.documents()).allSatisfy(d -> {
            assertThat(d.faq()).isTrue();
            assertThat(d.title()).endsWith("?");
        });
        assertThat(faq.questions()).hasSizeGreaterThanOrEqualTo(50);
    }

    @Test
    void readsTheDemoShopFormatTitlesFromTheFirstHeadingAndNullSourcesAsUnanswerable() throws IOException {
        Path docs = demoShop();

        LabeledSet demo = LabeledSet.demo(docs, directory.resolve("questions.json"));

        assertThat(demo.documents())
                .extracting(LabeledSet.SourceDocument::id, LabeledSet.SourceDocument::title)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("returns.md", "Returns and refunds"),
                        org.assertj.core.groups.Tuple.tuple("shipping.md", "Shipping"),
                        org.assertj.core.groups.Tuple.tuple("sizes.md", "Size guide"));
        assertThat(demo.questions())
                .extracting(LabeledSet.LabeledQuestion::expected)
                .containsExactly(List.of("returns.md"), List.of("shipping.md"), List.of());
        assertThat(demo.split("test").questions()).hasSize(1);
    }

    @Test
    void measuresTheDemoShopAndCountsUnanswerableQuestionsApart() throws IOException {
        Path docs = demoShop();
        LabeledSet demo = LabeledSet.demo(docs, directory.resolve("questions.json"));

        try (RetrievalHarness harness = new RetrievalHarness(new Embeddings())) {
            RetrievalHarness.Evaluation e = harness.evaluate(demo, IndexSettings.PRODUCTION);

            assertThat(e.hybrid().questions()).isEqualTo(2);
            assertThat(e.hybrid().recallAt1()).isEqualTo(1.0);
            assertThat(e.scores().get(SearchMode.VECTOR).mrr()).isEqualTo(1.0);
            assertThat(e.unanswerable()).singleElement().satisfies(o -> assertThat(o.rank())
                    .isZero());
        }
    }

    @Test
    void refusesAQuestionThatExpectsADocumentTheSetDoesNotHave() throws IOException {
        Path docs = demoShop();
        Files.writeString(
                directory.resolve("questions.json"),
                "[{\"question\": \"do you sell hats?\", \"source\": \"hats.md\", \"split\": \"tune\"}]");

        assertThatThrownBy(() -> LabeledSet.demo(docs, directory.resolve("questions.json")))
                .hasMessageContaining("hats.md");
    }

    /** Three tiny Markdown documents and three questions, one that nothing answers. */
    private Path demoShop() throws IOException {
        Path docs = Files.createDirectories(directory.resolve("knowledge"));
        Files.writeString(
                docs.resolve("returns.md"),
                "# Returns and refunds\n\nYou can return unworn items within 30 days for a full refund to the original"
                        + " payment method.\n\n## Exchanges\n\nExchanges for another size are free.\n");
        Files.writeString(
                docs.resolve("shipping.md"),
                "Intro line.\n\n# Shipping\n\nOrders ship within 2 business days. Delivery to Canada takes 5 to 8"
                        + " business days and costs $12.\n");
        Files.writeString(
                docs.resolve("sizes.md"),
                "# Size guide\n\nOur shirts run small: choose one size up if you are between sizes.\n");
        Files.writeString(docs.resolve("notes.txt"), "not Markdown, not a document");
        Files.writeString(
                directory.resolve("questions.json"),
                """
                [
                  {"question": "can i send back a jacket i never wore and get my money back?", "source": "returns.md", "split": "tune"},
                  {"question": "how long does delivery to canada take", "source": "shipping.md", "split": "test"},
                  {"question": "do you have a store in paris", "source": null, "split": "tune"}
                ]
                """);
        return docs;
    }
}
