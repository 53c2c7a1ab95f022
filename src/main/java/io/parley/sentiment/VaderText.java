package io.parley.sentiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A text split the way VADER splits it (vader-sentiment 1.1.3's {@code SentiText}): on whitespace, dropping
 * one-character tokens, and removing punctuation stuck to the start or end of a word ({@code "late,"} → {@code "late"})
 * while keeping emoticons ({@code ":)"}) and contractions ({@code "isn't"}).
 */
final class VaderText {

    /** Punctuation runs that are cut from a word's start or end; longer or other runs stay (so emoticons survive). */
    private static final Set<String> STRIPPABLE_PUNCTUATION = Set.of(
            ".", "!", "?", ",", ";", ":", "-", "'", "\"", "!!", "!!!", "??", "???", "?!?", "!?!", "?!?!", "!?!?");

    private static final int LONGEST_STRIPPABLE = 4;

    final List<String> words;

    /** {@link #words} lower-cased (root locale), index for index. */
    final List<String> lowerWords;

    /** True when some, but not all, tokens are ALL CAPS: only then do capitals count as emphasis. */
    final boolean capsEmphasis;

    VaderText(String text) {
        List<String> tokens = splitOnWhitespace(text);
        List<String> found = new ArrayList<>(tokens.size());
        List<String> lower = new ArrayList<>(tokens.size());
        int allCaps = 0;
        for (String token : tokens) {
            if (token.length() > 1) {
                String word = withoutAdjacentPunctuation(token);
                found.add(word);
                lower.add(word.toLowerCase(Locale.ROOT));
                if (isAllCaps(word)) {
                    allCaps++;
                }
            }
        }
        this.words = List.copyOf(found);
        this.lowerWords = List.copyOf(lower);
        int others = words.size() - allCaps;
        this.capsEmphasis = others > 0 && others < words.size();
    }

    /** Python's {@code str.isupper()} for ASCII: at least one A–Z and no a–z; {@code ":)"} is not upper case. */
    static boolean isAllCaps(String word) {
        boolean upper = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= 'a' && c <= 'z') {
                return false;
            }
            upper |= c >= 'A' && c <= 'Z';
        }
        return upper;
    }

    /**
     * The token without a leading or trailing run from {@link #STRIPPABLE_PUNCTUATION}, when what remains is at least
     * two characters with no ASCII punctuation; otherwise the token unchanged.
     *
     * <p>The JavaScript builds a map from every such run plus every word of the punctuation-free text to that word, and
     * looks each token up in it. The rest of a token is in that map exactly when it is free of punctuation and longer
     * than one character, because stripping all punctuation from the token itself yields that rest; so no map is
     * needed.
     */
    private static String withoutAdjacentPunctuation(String token) {
        int leading = 0;
        while (leading < token.length() && isAsciiPunctuation(token.charAt(leading))) {
            leading++;
        }
        if (leading == token.length()) {
            return token;
        }
        int trailing = 0;
        while (isAsciiPunctuation(token.charAt(token.length() - 1 - trailing))) {
            trailing++;
        }
        if (leading > 0 && trailing > 0) {
            return token;
        }
        int cut = Math.max(leading, trailing);
        if (cut == 0 || cut > LONGEST_STRIPPABLE || token.length() - cut < 2) {
            return token;
        }
        String run = leading > 0 ? token.substring(0, cut) : token.substring(token.length() - cut);
        String rest = leading > 0 ? token.substring(cut) : token.substring(0, token.length() - cut);
        if (!STRIPPABLE_PUNCTUATION.contains(run) || containsAsciiPunctuation(rest)) {
            return token;
        }
        return rest;
    }

    private static boolean containsAsciiPunctuation(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isAsciiPunctuation(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** One of Python's {@code string.punctuation}, the characters the JavaScript's punctuation pattern removes. */
    private static boolean isAsciiPunctuation(char c) {
        return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
    }

    /** The non-empty pieces between whitespace characters, whitespace as JavaScript's {@code \s} defines it. */
    private static List<String> splitOnWhitespace(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || isJavaScriptWhitespace(text.charAt(i))) {
                if (i > start) {
                    pieces.add(text.substring(start, i));
                }
                start = i + 1;
            }
        }
        return pieces;
    }

    private static boolean isJavaScriptWhitespace(char c) {
        return switch (c) {
            case ' ',
                    '\t',
                    '\n',
                    '\u000B',
                    '\f',
                    '\r',
                    '\u00A0',
                    '\u1680',
                    '\u2028',
                    '\u2029',
                    '\u202F',
                    '\u205F',
                    '\u3000',
                    '\uFEFF' -> true;
            default -> c >= '\u2000' && c <= '\u200A';
        };
    }
}
