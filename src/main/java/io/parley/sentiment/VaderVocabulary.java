package io.parley.sentiment;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** VADER's fixed word lists besides the lexicon, as in vader-sentiment 1.1.3. Immutable. */
final class VaderVocabulary {

    /** Words that negate what follows; any word containing "n't" negates too. Matched case-sensitively. */
    static final Set<String> NEGATIONS = words(
            """
            aint arent cannot cant couldnt darent didnt doesnt ain't aren't can't couldn't daren't didn't doesn't
            dont hadnt hasnt havent isnt mightnt mustnt neither don't hadn't hasn't haven't isn't mightn't mustn't
            neednt needn't never none nope nor not nothing nowhere oughtnt shant shouldnt uhuh wasnt werent
            oughtn't shan't shouldn't uh-uh wasn't weren't without wont wouldnt won't wouldn't rarely seldom despite
            """);

    /** Degree adverbs that intensify the next sentiment word ("very good"). */
    static final Set<String> BOOSTERS = words(
            """
            absolutely amazingly awfully completely considerably decidedly deeply effing enormously entirely
            especially exceptionally extremely fabulously flipping flippin fricking frickin frigging friggin fully
            fucking greatly hella highly hugely incredibly intensely majorly more most particularly purely quite
            really remarkably so substantially thoroughly totally tremendously uber unbelievably unusually utterly
            very
            """);

    /** Degree words and phrases that soften the next sentiment word ("kind of good"). */
    static final Set<String> DAMPENERS = union(
            words(
                    """
                    almost barely hardly kinda kindof kind-of less little marginally occasionally partly scarcely
                    slightly somewhat sorta sortof sort-of
                    """),
            Set.of("just enough", "kind of", "sort of"));

    /** Idioms whose valence replaces that of the sentiment word inside them. */
    static final Map<String, Double> IDIOMS = Map.of(
            "the shit", 3.0,
            "the bomb", 3.0,
            "bad ass", 1.5,
            "yeah right", -2.0,
            "cut the mustard", 2.0,
            "kiss of death", -1.5,
            "hand to mouth", -2.0);

    private VaderVocabulary() {}

    static boolean isDegreeWord(String lowerCase) {
        return BOOSTERS.contains(lowerCase) || DAMPENERS.contains(lowerCase);
    }

    private static Set<String> words(String whitespaceSeparated) {
        return Set.of(whitespaceSeparated.strip().split("\\s+"));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
