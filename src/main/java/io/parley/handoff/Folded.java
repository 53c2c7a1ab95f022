package io.parley.handoff;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Text folded for matching phrases written by hand: lower case, accents and ligatures removed, apostrophes and other
 * symbols turned into spaces, sentence punctuation kept as a lone {@code .} so that a phrase never matches across two
 * clauses ("No. I want a person" is a request; "no" does not negate it).
 */
final class Folded {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern CLAUSE_END = Pattern.compile("[.,;:!?¡¿…()\\[\\]\"«»“”„\\n]+");
    private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9.]+");
    private static final Pattern DOTS = Pattern.compile("\\.( \\.)+");
    private static final Pattern SPACES = Pattern.compile(" {2,}");

    private Folded() {}

    /** The folded text: words of {@code [a-z0-9]} separated by single spaces, clause breaks as {@code " . "}. */
    static String text(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        // Thumbs up and OK hand are answers too.
        String text = raw.replace("\uD83D\uDC4D", " ok ").replace("\uD83D\uDC4C", " ok ");
        text = Normalizer.normalize(text, Normalizer.Form.NFKD);
        text = MARKS.matcher(text).replaceAll("");
        text = text.toLowerCase(java.util.Locale.ROOT)
                .replace("ß", "ss")
                .replace("æ", "ae")
                .replace("œ", "oe")
                .replace("ø", "o")
                .replace("ł", "l")
                .replace("đ", "d");
        // A dot inside a word or an abbreviation ("a.u.b.", "e.g.") is not a clause break.
        text = text.replaceAll("(?<=[a-z0-9])\\.(?=[a-z0-9])", " ");
        text = CLAUSE_END.matcher(text).replaceAll(" . ");
        text = NOT_WORD.matcher(text).replaceAll(" ");
        text = text.replace(".", " . ");
        text = SPACES.matcher(text).replaceAll(" ").strip();
        text = DOTS.matcher(text).replaceAll(".");
        while (text.startsWith(".")) {
            text = text.substring(1).strip();
        }
        while (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        return text;
    }

    /** The folded text without clause breaks: only words. */
    static String words(String raw) {
        return SPACES.matcher(text(raw).replace(".", " ")).replaceAll(" ").strip();
    }
}
