package io.parley.handoff;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The phrasebook of each language the recogniser knows, keyed by ISO 639-1 code. Patterns run on {@link Folded} text:
 * lower case, no accents, apostrophes as spaces ("quelqu'un" is {@code quelqu un}), clause breaks as {@code " . "}.
 *
 * <p>A single word that is also an ordinary noun ("agent", "Mitarbeiter", "operatore") only counts as a request when
 * it is a whole clause; inside a sentence a request needs a verb or a phrase around it ("talk to an agent", "mit einem
 * Mitarbeiter sprechen"). Past tenses ("I spoke to an agent") are deliberately not in the verb lists.
 */
final class Phrasebooks {

    static final Map<String, Phrasebook> ALL = Map.of(
            "en", PhrasesEn.phrasebook(),
            "es", PhrasesEs.phrasebook(),
            "fr", PhrasesFr.phrasebook(),
            "de", PhrasesDe.phrasebook(),
            "it", PhrasesIt.phrasebook(),
            "pt", PhrasesPt.phrasebook(),
            "nl", PhrasesNl.phrasebook());

    private Phrasebooks() {}

    static Pattern p(String regex) {
        return Pattern.compile(regex);
    }

    /** A non-capturing group of {@code |}-separated alternatives. */
    static String any(String alternatives) {
        return "(?:" + alternatives + ")";
    }

    /** The words of a space-separated list. */
    static Set<String> words(String words) {
        return new HashSet<>(Arrays.asList(words.split(" ")));
    }

    static Set<String> plus(Set<String> base, String more) {
        Set<String> all = new HashSet<>(base);
        all.addAll(words(more));
        return all;
    }
}
