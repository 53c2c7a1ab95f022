package io.parley.handoff;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds which of an organization's keywords a message mentions: case and accents ignored, whole words and phrases
 * only ("refund" is in "Refund, please!" but not in "refunded"), and a trailing {@code *} matching any ending
 * ("refund*" is in "refunded"). Immutable and thread-safe.
 */
public final class KeywordTrigger {

    private record Keyword(String listed, String[] words, boolean prefix) {}

    private final List<Keyword> keywords;

    private KeywordTrigger(List<Keyword> keywords) {
        this.keywords = keywords;
    }

    /** A trigger for these keywords, as {@link EscalationSettings#keywords()} holds them. */
    public static KeywordTrigger of(List<String> keywords) {
        List<Keyword> compiled = new ArrayList<>();
        for (String keyword : keywords) {
            boolean prefix = keyword.strip().endsWith("*");
            String words = Folded.words(
                    prefix ? keyword.strip().substring(0, keyword.strip().length() - 1) : keyword);
            if (!words.isEmpty()) {
                compiled.add(new Keyword(keyword, words.split(" "), prefix));
            }
        }
        return new KeywordTrigger(List.copyOf(compiled));
    }

    /** The first keyword, in the order they are listed, that the text mentions, as it was listed. */
    public Optional<String> find(String text) {
        if (keywords.isEmpty() || text == null) {
            return Optional.empty();
        }
        String words = Folded.words(text);
        if (words.isEmpty()) {
            return Optional.empty();
        }
        String[] tokens = words.split(" ");
        for (Keyword keyword : keywords) {
            if (mentions(tokens, keyword)) {
                return Optional.of(keyword.listed());
            }
        }
        return Optional.empty();
    }

    private static boolean mentions(String[] tokens, Keyword keyword) {
        String[] wanted = keyword.words();
        for (int start = 0; start + wanted.length <= tokens.length; start++) {
            boolean all = true;
            for (int i = 0; i < wanted.length && all; i++) {
                boolean last = i == wanted.length - 1;
                String token = tokens[start + i];
                all = last && keyword.prefix() ? token.startsWith(wanted[i]) : token.equals(wanted[i]);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /** What is wrong with a keyword (already stripped), in plain words; null when it can be used. */
    static String problemWith(String keyword) {
        if (keyword.isEmpty()) {
            return "A keyword cannot be blank.";
        }
        if (keyword.length() > EscalationSettings.MAX_KEYWORD_LENGTH) {
            return "This keyword is %d characters long; a keyword can have at most %d."
                    .formatted(keyword.length(), EscalationSettings.MAX_KEYWORD_LENGTH);
        }
        if (keyword.chars().anyMatch(Character::isISOControl)) {
            return "A keyword is one line of text, without control characters.";
        }
        String body = keyword.endsWith("*") ? keyword.substring(0, keyword.length() - 1) : keyword;
        if (body.contains("*")) {
            return "A * can only end a keyword (refund* matches refund, refunds and refunded).";
        }
        String words = Folded.words(body);
        if (words.isEmpty()) {
            return "A keyword needs at least one letter or digit.";
        }
        if (keyword.endsWith("*") && words.replace(" ", "").length() < 3) {
            return "A keyword ending in * needs at least three letters before it.";
        }
        return null;
    }

    /** Keywords that mean the same to the trigger have the same key ("Refund" and "refund"). */
    static String key(String keyword) {
        return Folded.words(keyword) + (keyword.strip().endsWith("*") ? "*" : "");
    }
}
