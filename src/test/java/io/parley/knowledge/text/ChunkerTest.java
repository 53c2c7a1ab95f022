package io.parley.knowledge.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.knowledge.text.Block.Heading;
import io.parley.knowledge.text.Block.Paragraph;
import io.parley.llm.Tokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChunkerTest {

    private final Chunker chunker = new Chunker();

    @Test
    void namesEachChunkAfterTheHeadingsAboveIt() {
        List<Block> blocks = List.of(
                new Paragraph(sentences(1, 5)),
                new Heading(1, "Store policies"),
                new Heading(2, "Returns"),
                new Paragraph(sentences(10, 5)),
                new Heading(3, "Refunds"),
                new Paragraph(sentences(20, 5)),
                new Heading(2, "Shipping"),
                new Paragraph(sentences(30, 5)));

        List<Chunk> chunks = chunker.chunk(blocks);

        assertThat(chunks)
                .extracting(Chunk::section)
                .containsExactly(
                        "",
                        "Store policies > Returns",
                        "Store policies > Returns > Refunds",
                        "Store policies > Shipping");
        assertThat(chunks.get(2).body()).isEqualTo(sentences(20, 5));
    }

    @Test
    void neverMakesAChunkLargerThanTheMaximum() {
        List<Block> blocks = new ArrayList<>();
        for (int section = 0; section < 5; section++) {
            blocks.add(new Heading(2, "Part " + section));
            for (int p = 1; p <= 12; p++) {
                blocks.add(new Paragraph(sentences(section * 1000 + p * 50, 1 + (p * 7) % 9)));
            }
            blocks.add(new Paragraph(sentences(section * 1000 + 900, 60))); // about 900 tokens in one paragraph
        }

        List<Chunk> chunks = chunker.chunk(blocks);

        assertThat(chunks).hasSizeGreaterThan(15);
        assertThat(chunks).allSatisfy(chunk -> assertThat(Tokens.count(chunk.body()))
                .isLessThanOrEqualTo(Chunker.DEFAULT_MAX_TOKENS));
    }

    @Test
    void keepsParagraphsWholeAndCutsLongOnesOnlyBetweenSentences() {
        List<String> paragraphs = List.of(sentences(100, 4), sentences(200, 3), sentences(300, 60), sentences(400, 5));
        List<Block> blocks = new ArrayList<>(List.of(new Heading(1, "Delivery")));
        paragraphs.forEach(text -> blocks.add(new Paragraph(text)));
        Set<String> allSentences = new HashSet<>();
        paragraphs.forEach(text -> allSentences.addAll(Arrays.asList(text.split("(?<=\\.) "))));

        List<Chunk> chunks = chunker.chunk(blocks);

        String everything = String.join("\n\n", chunks.stream().map(Chunk::body).toList());
        assertThat(everything).contains(paragraphs.get(0), paragraphs.get(1), paragraphs.get(3));
        assertThat(chunks)
                .flatExtracting(chunk -> Arrays.asList(chunk.body().split("(?<=\\.)\\s+")))
                .allSatisfy(sentence -> assertThat(allSentences).contains(sentence));
        assertThat(chunks)
                .filteredOn(chunk -> chunk.body().contains("Sentence 330 "))
                .hasSizeGreaterThanOrEqualTo(1);
    }

    @Test
    void startsEachFollowingChunkOfASectionWithTheLastSentencesOfThePreviousOne() {
        List<Block> blocks = new ArrayList<>(List.of(new Heading(1, "Warranty")));
        for (int p = 0; p < 10; p++) {
            blocks.add(new Paragraph(sentences(p * 10, 5)));
        }

        List<Chunk> chunks = chunker.chunk(blocks);

        assertThat(chunks).hasSizeGreaterThan(2);
        for (int i = 1; i < chunks.size(); i++) {
            String previous = chunks.get(i - 1).body();
            String body = chunks.get(i).body();
            String overlap = body.substring(0, body.indexOf("\n\n"));
            assertThat(previous)
                    .as("chunk %d opens with the end of chunk %d", i, i - 1)
                    .endsWith(" " + overlap);
            assertThat(overlap).as("whole sentences").startsWith("Sentence ").endsWith(" days.");
            assertThat(Tokens.count(overlap)).isBetween(1, Chunker.DEFAULT_OVERLAP_TOKENS);
        }
    }

    @Test
    void doesNotCarryTextOverIntoANewSection() {
        List<Block> blocks = List.of(
                new Heading(2, "Returns"),
                new Paragraph(sentences(0, 12)),
                new Paragraph(sentences(20, 12)),
                new Heading(2, "Shipping"),
                new Paragraph(sentences(40, 6)));

        List<Chunk> chunks = chunker.chunk(blocks);

        Chunk shipping = chunks.stream()
                .filter(chunk -> chunk.section().equals("Shipping"))
                .findFirst()
                .orElseThrow();
        assertThat(shipping.body()).isEqualTo(sentences(40, 6));
    }

    @Test
    void mergesATinySectionWithItsNextSiblingKeepingItsHeadingAsText() {
        List<Block> blocks = List.of(
                new Heading(1, "Contact"),
                new Heading(2, "Phone"),
                new Paragraph("Call 555-0100."),
                new Heading(2, "Email"),
                new Paragraph("Write to help@example.com."),
                new Heading(1, "Returns"),
                new Paragraph(sentences(0, 5)));

        List<Chunk> chunks = chunker.chunk(blocks);

        assertThat(chunks)
                .containsExactly(
                        new Chunk(0, "Contact", "Phone\n\nCall 555-0100.\n\nEmail\n\nWrite to help@example.com."),
                        new Chunk(1, "Returns", sentences(0, 5)));
    }

    @Test
    void numbersChunksFromZeroInReadingOrderAndAlwaysCutsTheSameWay() {
        List<Block> blocks = new ArrayList<>();
        for (int s = 0; s < 6; s++) {
            blocks.add(new Heading(2, "Topic " + s));
            for (int p = 0; p < 6; p++) {
                blocks.add(new Paragraph(sentences(s * 100 + p * 10, 3 + p)));
            }
        }

        List<Chunk> first = chunker.chunk(blocks);
        List<Chunk> again = new Chunker().chunk(List.copyOf(blocks));

        assertThat(first)
                .extracting(Chunk::ordinal)
                .containsExactlyElementsOf(
                        IntStream.range(0, first.size()).boxed().toList());
        assertThat(again).isEqualTo(first);
    }

    @Test
    void aimsAtTheTargetSize() {
        List<Block> blocks = new ArrayList<>(List.of(new Heading(1, "Guide")));
        for (int p = 0; p < 40; p++) {
            blocks.add(new Paragraph(sentences(p * 10, 4)));
        }

        List<Chunk> chunks = chunker.chunk(blocks);

        List<Chunk> allButLast = chunks.subList(0, chunks.size() - 1);
        assertThat(allButLast).allSatisfy(chunk -> assertThat(Tokens.count(chunk.body()))
                .isBetween(Chunker.DEFAULT_TARGET_TOKENS / 2, Chunker.DEFAULT_TARGET_TOKENS + 10));
    }

    @Test
    void turnsAQuestionAndAnswerIntoOneSectionNamedAfterTheQuestion() {
        List<Block> faq =
                Chunker.faq("  How long do refunds take? ", "Five business days.\n\nLonger for bank transfers.");

        assertThat(faq)
                .containsExactly(
                        new Heading(1, "How long do refunds take?"),
                        new Paragraph("Five business days."),
                        new Paragraph("Longer for bank transfers."));
        assertThat(chunker.chunk(faq))
                .containsExactly(
                        new Chunk(0, "How long do refunds take?", "Five business days.\n\nLonger for bank transfers."));
        assertThatThrownBy(() -> Chunker.faq("Why?", "  \n ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTypedTextAsParagraphsAndMarkdownHeadings() {
        List<Block> blocks = Chunker.plainText("We open at 9.\nWe close at 5.\n\n## Holidays\n\nClosed on Dec 25.");

        assertThat(blocks)
                .containsExactly(
                        new Paragraph("We open at 9. We close at 5."),
                        new Heading(2, "Holidays"),
                        new Paragraph("Closed on Dec 25."));
    }

    @Test
    void makesNoChunksFromNoText() {
        assertThat(chunker.chunk(List.of())).isEmpty();
        assertThat(chunker.chunk(List.of(new Heading(1, "Empty")))).isEmpty();
    }

    @Test
    void refusesSizesThatCannotWork() {
        assertThatThrownBy(() -> new Chunker(300, 200, 40)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Chunker(250, 350, 200)).isInstanceOf(IllegalArgumentException.class);
    }

    /** {@code count} distinct sentences of about 15 tokens, numbered from {@code first}. */
    static String sentences(int first, int count) {
        StringBuilder text = new StringBuilder();
        for (int n = first; n < first + count; n++) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append("Sentence ")
                    .append(n)
                    .append(" says that parcel ")
                    .append(n)
                    .append(" leaves the warehouse within ")
                    .append(n % 5 + 1)
                    .append(" days.");
        }
        return text.toString();
    }
}
