package io.parley.llm.builtin;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Catches a customer's likely misspellings ("retrun", "shiping", "warrenty") of words the engine knows. */
final class Typos {

    /** Typos are forgiven only in words this long: shorter ones are too easily another word. */
    private static final int MIN_TYPO_LENGTH = 5;
    /** A changed letter (rather than an added, dropped or swapped one) is forgiven only in words this long. */
    private static final int MIN_SUBSTITUTION_LENGTH = 7;

    private Typos() {}

    /**
     * The word of {@code known} that {@code word} is a likely misspelling of, or empty; the alphabetically first
     * when several are. See {@link #likelyTypo}.
     */
    static Optional<String> likelyMeant(String word, Collection<String> known) {
        if (word.length() < MIN_TYPO_LENGTH || known.contains(word)) {
            return Optional.empty();
        }
        return known.stream()
                .filter(candidate -> Math.abs(candidate.length() - word.length()) <= 1 && likelyTypo(word, candidate))
                .min(Comparator.naturalOrder());
    }

    /**
     * Whether {@code typed} is {@code meant} with one letter added, dropped, or two neighbours swapped; or, in long
     * words only, one letter changed. Short words and changed letters are left alone because they are too often
     * another real word: "stove" is not a misspelt "store", nor "change" a misspelt "charge".
     */
    static boolean likelyTypo(String typed, String meant) {
        if (typed.length() < MIN_TYPO_LENGTH
                || meant.length() < MIN_TYPO_LENGTH
                || Math.abs(typed.length() - meant.length()) > 1
                || typed.equals(meant)) {
            return false;
        }
        int i = 0;
        while (i < Math.min(typed.length(), meant.length()) && typed.charAt(i) == meant.charAt(i)) {
            i++;
        }
        if (typed.length() != meant.length()) {
            String longer = typed.length() > meant.length() ? typed : meant;
            String shorter = longer == typed ? meant : typed;
            return longer.substring(i + 1).equals(shorter.substring(i));
        }
        boolean swapped = i + 1 < typed.length()
                && typed.charAt(i) == meant.charAt(i + 1)
                && typed.charAt(i + 1) == meant.charAt(i)
                && typed.substring(i + 2).equals(meant.substring(i + 2));
        boolean changed = typed.length() >= MIN_SUBSTITUTION_LENGTH
                && typed.substring(i + 1).equals(meant.substring(i + 1));
        return swapped || changed;
    }
}
