package io.parley.llm.builtin;

import io.parley.llm.Passage;
import io.parley.llm.builtin.MarkdownSentences.Sentence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Quotes the sentences of a request's passages that answer the question best, each run of quoted sentences followed
 * by its passage's citation marker: {@code Standard shipping takes 3 to 5 business days. [1]}.
 *
 * <p>Sentences are scored against the question with {@link SentenceScores} over all the passages' sentences, plus a
 * little for words of the question found only in the sentence's heading or the passage's title (a sentence under
 * "Canada" is about Canada), plus a match when a number in the question falls in a range the sentence states for
 * what was asked ("a 39 inch chest" and "Chest (in): 38–40"), plus as much again for the topic the customer asks
 * about ("do you have a store…"). The first sentence under a heading, which usually states the rule the others
 * qualify, counts a little more. Which sentences are quoted is {@link QuoteChoice}'s to decide; they keep their
 * passage's order and wording.
 *
 * <p>The retriever passes only passages it is confident about, best first, so an earlier passage is preferred.
 */
final class Quoter {

    /** How much a question word found only in a sentence's heading or title counts, against one in the sentence. */
    private static final double CONTEXT_WEIGHT = 0.4;
    /** A table row answers less readily than prose, unless it holds the number asked about. */
    private static final double TABLE_ROW_WEIGHT = 0.8;
    /** What the customer asks about ("do you have a store…") counts extra, on top of its ordinary weight. */
    private static final double REQUESTED_TOPIC_WEIGHT = 1;
    /** The first sentence under a heading usually states the rule the sentences after it qualify. */
    private static final double LEAD_SENTENCE_WEIGHT = 1.3;
    /** Each later passage counts this much less, since the retriever ranked it lower, down to the third. */
    private static final double RANK_DISCOUNT = 0.25;

    private static final int DISCOUNTED_RANKS = 2;

    private final List<Unit> units = new ArrayList<>();
    private final SentenceScores scores;

    /** @param passages the request's passages, best first */
    Quoter(List<Passage> passages) {
        List<List<String>> terms = new ArrayList<>();
        Map<String, Set<String>> contexts = new HashMap<>();
        for (int rank = 0; rank < passages.size(); rank++) {
            Passage passage = passages.get(rank);
            List<Sentence> sentences = MarkdownSentences.of(passage.text());
            for (int position = 0; position < sentences.size(); position++) {
                Sentence sentence = sentences.get(position);
                if (AimedAtTheAssistant.test(sentence.text())) {
                    continue; // a document's text is quoted as facts, never relayed as orders
                }
                boolean lead =
                        position == 0 || !sentences.get(position - 1).heading().equals(sentence.heading());
                Set<String> context = contexts.computeIfAbsent(
                        sentence.heading() + ". " + passage.title(), text -> new HashSet<>(TextAnalysis.terms(text)));
                units.add(new Unit(units.size(), passage.id(), rank, position, sentence, lead, context));
                terms.add(TableNumbers.withoutRangeEnds(sentence.text(), TextAnalysis.terms(sentence.text())));
            }
        }
        scores = new SentenceScores(terms);
    }

    /**
     * The quoted sentences with their markers, or empty when no sentence shares anything with the question.
     *
     * @param maxSentences how many sentences at most, over all passages
     */
    Optional<String> quote(String question, List<String> questionTerms, int maxSentences) {
        Set<String> requested = TextAnalysis.requestedTopics(question);
        Set<String> vocabulary = new HashSet<>(scores.vocabulary());
        units.forEach(unit -> vocabulary.addAll(unit.context()));
        Set<String> asked = new LinkedHashSet<>();
        questionTerms.forEach(
                term -> asked.add(Typos.likelyMeant(term, vocabulary).orElse(term)));
        List<Double> numbers = TableNumbers.in(question);
        List<Scored> scored = new ArrayList<>();
        for (Unit unit : units) {
            Set<String> answers = scores.shared(unit.index(), asked);
            Set<String> fromHeading = new LinkedHashSet<>(unit.context());
            fromHeading.retainAll(asked);
            if (!answers.isEmpty() || !fromHeading.isEmpty()) {
                boolean inRange = TableNumbers.held(unit.sentence(), numbers, asked);
                double score = score(unit, asked, answers, inRange, requested);
                scored.add(new Scored(unit, score, answers, fromHeading));
            }
        }
        if (scored.isEmpty()) {
            return Optional.empty();
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparingInt(s -> s.unit()
                .index()));
        return Optional.of(render(new QuoteChoice(units, scores, maxSentences).choose(scored)));
    }

    private double score(Unit unit, Set<String> asked, Set<String> answers, boolean inRange, Set<String> requested) {
        double score = scores.score(unit.index(), asked);
        for (String term : answers) {
            if (requested.contains(term)) {
                score += REQUESTED_TOPIC_WEIGHT * scores.idf(term);
            }
        }
        for (String term : asked) {
            if (!answers.contains(term) && unit.context().contains(term)) {
                score += CONTEXT_WEIGHT * scores.idf(term);
            }
        }
        if (inRange) {
            score += scores.unseenTermWeight();
        } else if (unit.sentence().tableRow()) {
            score *= TABLE_ROW_WEIGHT;
        }
        if (unit.lead()) {
            score *= LEAD_SENTENCE_WEIGHT;
        }
        return score * (1 - RANK_DISCOUNT * Math.min(unit.rank(), DISCOUNTED_RANKS));
    }

    /** Passages in the order they were chosen; within each, sentences in their passage's order. */
    private static String render(List<Unit> chosen) {
        List<String> runs = new ArrayList<>();
        for (int rank : chosen.stream().map(Unit::rank).distinct().toList()) {
            List<Unit> run = chosen.stream()
                    .filter(unit -> unit.rank() == rank)
                    .sorted(Comparator.comparingInt(Unit::position))
                    .toList();
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < run.size(); i++) {
                String text = run.get(i).sentence().text();
                boolean introducesTheNext = text.endsWith(":")
                        && i + 1 < run.size()
                        && run.get(i + 1).position() == run.get(i).position() + 1;
                texts.add(introducesTheNext ? text : asSentence(text));
            }
            runs.add(String.join(" ", texts) + " [" + run.getFirst().passageId() + "]");
        }
        return String.join(" ", runs);
    }

    /** The text ending as a sentence does: a closing colon, semicolon or comma becomes a full stop. */
    static String asSentence(String text) {
        String stripped = text.strip();
        if (stripped.endsWith(":") || stripped.endsWith(";") || stripped.endsWith(",")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return stripped.matches("(?s).*[.!?]$") ? stripped : stripped + ".";
    }

    /**
     * One sentence of one passage.
     *
     * @param index its place among all the passages' sentences, which is also its index in the scores
     * @param lead true when it is the first sentence under its heading
     * @param context the terms of its heading and its passage's title
     */
    record Unit(
            int index,
            String passageId,
            int rank,
            int position,
            Sentence sentence,
            boolean lead,
            Set<String> context) {}

    /**
     * A sentence that answers part of the question.
     *
     * @param answers the question's terms the sentence itself has
     * @param fromHeading the question's terms its heading or passage title has
     */
    record Scored(Unit unit, double score, Set<String> answers, Set<String> fromHeading) {}
}
