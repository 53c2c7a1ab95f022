package io.parley.knowledge.text;

import io.parley.llm.Tokens;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * Cuts a document's blocks into passages of a few hundred tokens for search. Passages follow the document's own
 * structure, because a passage is only useful if it is about one thing and says which thing: a new section starts a new
 * passage, a paragraph is never cut unless it alone is longer than a passage (then at sentence ends), and consecutive
 * passages of one section share their boundary sentences, so that an answer that straddles the cut is still found
 * whole. Tiny sections join their next sibling rather than make passages too thin to match anything.
 *
 * <p>Tokens are counted with {@link Tokens#count(String)}, the same measure the prompt budget uses, so a passage's
 * size here is its size in the prompt. About 0.2 s per megabyte of text, warm, most of it counting tokens.
 * Deterministic and thread-safe; instances hold only their sizes.
 */
public final class Chunker {

    public static final int DEFAULT_TARGET_TOKENS = 250;
    public static final int DEFAULT_MAX_TOKENS = 350;
    public static final int DEFAULT_OVERLAP_TOKENS = 40;

    /** One token for the blank line (or space) that joins two pieces of a body. */
    private static final int SEPARATOR_TOKENS = 1;

    private final int targetTokens;
    private final int maxTokens;
    private final int overlapTokens;

    public Chunker() {
        this(DEFAULT_TARGET_TOKENS, DEFAULT_MAX_TOKENS, DEFAULT_OVERLAP_TOKENS);
    }

    /**
     * @param targetTokens the size a passage aims at; a passage grows past it only while it is under half of it
     * @param maxTokens no passage is larger (for text in words and sentences of ordinary length)
     * @param overlapTokens at most this much of a passage's end opens the next passage of the same section
     */
    public Chunker(int targetTokens, int maxTokens, int overlapTokens) {
        if (targetTokens < 20 || maxTokens < targetTokens || overlapTokens < 0 || overlapTokens > targetTokens / 2) {
            throw new IllegalArgumentException("need 20 <= target <= max and 0 <= overlap <= target / 2");
        }
        this.targetTokens = targetTokens;
        this.maxTokens = maxTokens;
        this.overlapTokens = overlapTokens;
    }

    /** A question and its answer as a document: the question is the heading the answer's paragraphs sit under. */
    public static List<Block> faq(String question, String answer) {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Heading(1, question.replaceAll("\\s+", " ")));
        for (String paragraph : answer.strip().split("\\R\\s*\\R")) {
            String text = BlockCollector.tidy(paragraph);
            if (!text.isEmpty()) {
                blocks.add(new Block.Paragraph(text));
            }
        }
        if (blocks.size() == 1) {
            throw new IllegalArgumentException("an answer has text");
        }
        return List.copyOf(blocks);
    }

    /** Typed or pasted text as blocks: paragraphs split at blank lines; Markdown headings, if any, become sections. */
    public static List<Block> plainText(String text) {
        return MarkdownBlocks.parse(Objects.requireNonNull(text, "text")).blocks();
    }

    /** The passages of {@code blocks}, numbered from 0 in reading order. */
    public List<Chunk> chunk(List<Block> blocks) {
        Packing packing = new Packing();
        for (Section section : Section.mergeTiny(Section.of(blocks), Tokens::count, targetTokens / 5, targetTokens)) {
            packing.pack(section);
        }
        return List.copyOf(packing.chunks);
    }

    /**
     * A paragraph, or a run of whole sentences of one that is too long for a passage.
     *
     * @param continuesParagraph true when it goes on from the unit before it in the same paragraph, so that the two
     *     join with a space, not a blank line
     */
    private record Unit(String text, int tokens, boolean continuesParagraph) {}

    /** The state of one {@link #chunk} call. */
    private final class Packing {

        final List<Chunk> chunks = new ArrayList<>();
        final Sentences sentences = new Sentences();

        void pack(Section section) {
            Deque<Unit> pending = new ArrayDeque<>(units(section.paragraphs()));
            List<Unit> current = new ArrayList<>();
            int overlapped = 0; // how many units at the start of current repeat the previous passage
            int tokens = 0;
            while (!pending.isEmpty()) {
                Unit unit = pending.peek();
                int joined = current.isEmpty() ? unit.tokens() : tokens + SEPARATOR_TOKENS + unit.tokens();
                boolean full = joined > maxTokens || joined > targetTokens && tokens >= targetTokens / 2;
                if (current.size() > overlapped && full) {
                    emit(section, current, overlapped, pending);
                    current = overlap(current);
                    overlapped = current.size();
                    tokens = size(current);
                    if (!current.isEmpty() && tokens + SEPARATOR_TOKENS + unit.tokens() > maxTokens) {
                        current.clear();
                        overlapped = 0;
                        tokens = 0;
                    }
                    continue;
                }
                current.add(pending.poll());
                tokens = joined;
            }
            if (current.size() > overlapped) {
                emit(section, current, overlapped, pending);
            }
        }

        /**
         * Adds {@code current} as a passage. Token counts of parts add up to the whole's within a token or two, so the
         * whole is counted once more; a passage over the maximum hands its last units back to {@code pending}.
         */
        private void emit(Section section, List<Unit> current, int overlapped, Deque<Unit> pending) {
            String body = render(current);
            while (Tokens.count(body) > maxTokens && current.size() > overlapped + 1) {
                pending.push(current.removeLast());
                body = render(current);
            }
            if (Tokens.count(body) > maxTokens && overlapped > 0) {
                current.subList(0, overlapped).clear();
                body = render(current);
            }
            chunks.add(new Chunk(chunks.size(), section.name(), body));
        }

        /** The whole sentences at the end of {@code passage}, up to the overlap size, as units of their own. */
        private List<Unit> overlap(List<Unit> passage) {
            List<Unit> tail = new ArrayList<>();
            int used = 0;
            for (int u = passage.size() - 1; u >= 0; u--) {
                Unit unit = passage.get(u);
                List<String> unitSentences = sentences.split(unit.text());
                List<String> taken = new ArrayList<>();
                for (int s = unitSentences.size() - 1; s >= 0; s--) {
                    int cost = Tokens.count(unitSentences.get(s)) + SEPARATOR_TOKENS;
                    if (used + cost > overlapTokens) {
                        break;
                    }
                    used += cost;
                    taken.addFirst(unitSentences.get(s));
                }
                if (!taken.isEmpty()) {
                    String text = String.join(" ", taken);
                    tail.addFirst(new Unit(text, Tokens.count(text), unit.continuesParagraph()));
                }
                if (taken.size() < unitSentences.size()) {
                    break;
                }
            }
            if (!tail.isEmpty()) {
                Unit first = tail.getFirst();
                tail.set(0, new Unit(first.text(), first.tokens(), false));
            }
            return tail;
        }

        private List<Unit> units(List<String> paragraphs) {
            List<Unit> units = new ArrayList<>();
            for (String paragraph : paragraphs) {
                int tokens = Tokens.count(paragraph);
                if (tokens <= maxTokens) {
                    units.add(new Unit(paragraph, tokens, false));
                } else {
                    List<String> pieces = LongParagraphs.split(paragraph, sentences, targetTokens);
                    for (int i = 0; i < pieces.size(); i++) {
                        units.add(new Unit(pieces.get(i), Tokens.count(pieces.get(i)), i > 0));
                    }
                }
            }
            return units;
        }
    }

    private static String render(List<Unit> units) {
        StringBuilder body = new StringBuilder();
        for (Unit unit : units) {
            if (!body.isEmpty()) {
                body.append(unit.continuesParagraph() ? " " : "\n\n");
            }
            body.append(unit.text());
        }
        return body.toString();
    }

    private static int size(List<Unit> units) {
        return units.stream().mapToInt(Unit::tokens).sum() + Math.max(0, units.size() - 1) * SEPARATOR_TOKENS;
    }
}
