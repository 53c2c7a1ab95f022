package io.parley.llm.builtin;

import io.parley.llm.builtin.Quoter.Scored;
import io.parley.llm.builtin.Quoter.Unit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * Decides which of the scored sentences a quote is made of. The best passage gives the best sentence and those of its
 * other sentences that answer a further part of the question well enough, or the same part nearly as well; then a
 * second passage gives at most one sentence, and only when it answers a part the first did not. A sentence that
 * leans on the one before ("These times are the same…") brings it along, and one that ends in a colon brings the
 * line it introduces, so that no quote starts in the middle of a thought.
 */
final class QuoteChoice {

    /** Another sentence must score at least this share of the best one and answer something the best did not… */
    private static final double MIN_SHARE_OF_BEST = 0.5;
    /** …or score at least this share, adding detail to the same answer. */
    private static final double NEARLY_AS_GOOD = 0.8;
    /**
     * …or, when it answers a part of the question at least half as weighty as what the best one answers, at least
     * this share: asked how long delivery to Toronto takes, "These times are the same for … Canada" completes
     * "Standard shipping takes 3 to 5 business days" though it matches little else.
     */
    private static final double MIN_SHARE_FOR_A_MISSING_PART = 0.3;
    /** How much more a sentence counts when it carries on from the best one, in the same paragraph. */
    private static final double CONTINUATION_WEIGHT = 1.25;

    private static final Pattern LEANS_ON_THE_ONE_BEFORE = Pattern.compile(
            "^(?:these|this|that|those|they|it|its|then|also|however|otherwise|after that|once it)\\b",
            Pattern.CASE_INSENSITIVE);

    private final List<Unit> units;
    private final SentenceScores scores;
    private final int maxSentences;

    /**
     * @param units all the passages' sentences, in order
     * @param scores their scores, for the weight of terms
     * @param maxSentences how many sentences a quote may have at most
     */
    QuoteChoice(List<Unit> units, SentenceScores scores, int maxSentences) {
        this.units = units;
        this.scores = scores;
        this.maxSentences = maxSentences;
    }

    /** @param scored the sentences that answer something, best first; not empty */
    List<Unit> choose(List<Scored> scored) {
        Scored best = scored.getFirst();
        List<Unit> chosen = new ArrayList<>();
        addWithCompanions(best.unit(), chosen);
        Set<String> answered = new HashSet<>(best.answers());
        // First the best passage's further sentences, which share its heading, so only what they say themselves
        // counts; then at most one sentence of another passage, which must add to what the quote and its heading
        // already answer. A sentence that carries on from the best one reads as one answer with it, so it counts a
        // little more.
        ToDoubleFunction<Scored> weight = candidate -> candidate.score()
                * (continues(best.unit(), candidate.unit()) && !answered.containsAll(candidate.answers())
                        ? CONTINUATION_WEIGHT
                        : 1);
        List<Scored> samePassage = scored.stream()
                .filter(candidate -> candidate.unit().rank() == best.unit().rank())
                .sorted(Comparator.comparingDouble(weight).reversed().thenComparingInt(c -> c.unit()
                        .index()))
                .toList();
        for (Scored candidate : samePassage) {
            Set<String> added = new HashSet<>(candidate.answers());
            added.removeAll(answered);
            double share = weight.applyAsDouble(candidate) / best.score();
            boolean worthIt = added.isEmpty()
                    ? candidate.score() >= best.score() * NEARLY_AS_GOOD
                    : share >= MIN_SHARE_OF_BEST
                            || (share >= MIN_SHARE_FOR_A_MISSING_PART
                                    && weight(added) >= weight(best.answers()) * MIN_SHARE_OF_BEST);
            if (worthIt && fits(candidate.unit(), chosen)) {
                addWithCompanions(candidate.unit(), chosen);
                answered.addAll(candidate.answers());
            }
        }
        Set<String> answeredWithHeadings = new HashSet<>(answered);
        scored.stream()
                .filter(s -> chosen.contains(s.unit()))
                .forEach(s -> answeredWithHeadings.addAll(s.fromHeading()));
        scored.stream()
                .filter(candidate -> candidate.unit().rank() != best.unit().rank())
                .filter(candidate -> !answeredWithHeadings.containsAll(candidate.answers()))
                .filter(candidate -> candidate.score() >= best.score() * MIN_SHARE_OF_BEST)
                .findFirst()
                .filter(candidate -> fits(candidate.unit(), chosen))
                .ifPresent(candidate -> addWithCompanions(candidate.unit(), chosen));
        return chosen;
    }

    /** How much the terms weigh together. */
    private double weight(Set<String> terms) {
        return terms.stream().mapToDouble(scores::idf).sum();
    }

    /** Whether {@code next} is the sentence right after {@code unit}, in the same paragraph. */
    private static boolean continues(Unit unit, Unit next) {
        return next.rank() == unit.rank()
                && next.position() == unit.position() + 1
                && next.sentence().block() == unit.sentence().block();
    }

    /** Whether the sentence, and the one before it if it must come along, still fit in the quote. */
    private boolean fits(Unit unit, List<Unit> chosen) {
        return !chosen.contains(unit) && chosen.size() + 1 + companionsNeeded(unit, chosen) <= maxSentences;
    }

    /** 1 when the sentence leans on the one before and that one is not quoted yet: it must come along. */
    private int companionsNeeded(Unit unit, List<Unit> chosen) {
        return leansOn(unit).filter(before -> !chosen.contains(before)).isPresent() ? 1 : 0;
    }

    private Optional<Unit> leansOn(Unit unit) {
        return neighbour(unit, -1)
                .filter(before ->
                        LEANS_ON_THE_ONE_BEFORE.matcher(unit.sentence().text()).find());
    }

    /**
     * Adds the sentence, with the one before when it leans on it ("These times are the same…") and the one after
     * when it introduces it with a colon, as far as there is room.
     */
    private void addWithCompanions(Unit unit, List<Unit> chosen) {
        chosen.add(unit);
        leansOn(unit)
                .filter(before -> !chosen.contains(before) && chosen.size() < maxSentences)
                .ifPresent(chosen::add);
        neighbour(unit, +1)
                .filter(after -> unit.sentence().text().endsWith(":"))
                .filter(after -> !chosen.contains(after) && chosen.size() < maxSentences)
                .ifPresent(chosen::add);
    }

    /** The sentence just before (in the same paragraph) or just after (in the same or the next), if any. */
    private Optional<Unit> neighbour(Unit unit, int step) {
        int blocksApart = step > 0 ? 1 : 0;
        return units.stream()
                .filter(other -> other.rank() == unit.rank() && other.position() == unit.position() + step)
                .filter(other ->
                        Math.abs(other.sentence().block() - unit.sentence().block()) <= blocksApart)
                .findFirst();
    }
}
