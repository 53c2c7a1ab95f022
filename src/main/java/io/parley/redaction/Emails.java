package io.parley.redaction;

import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Email addresses: {@code name@example.com}, with Unicode letters, plus addressing, subdomains, spaces around the
 * {@code @}, and the forms people type to dodge harvesters: {@code name [at] example [dot] com}, {@code name(at)
 * example.com}, {@code name at example dot com} (the last only with a spelled-out "dot", since "at amazon.com" is a
 * place, not an address).
 */
final class Emails {

    private static final String LOCAL = "[\\p{L}\\p{N}_%+'-]+(?:\\.[\\p{L}\\p{N}_%+'-]+)*";
    private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?";
    private static final String TLD = "\\p{L}{2,24}";
    private static final String BRACKETED_AT = "\\s?[\\[({<]\\s?at\\s?[\\])}>]\\s?";
    private static final String BRACKETED_DOT = "\\s?[\\[({<]\\s?dot\\s?[\\])}>]\\s?";
    private static final String SPELLED_DOT = "\\s+dot\\s+";

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\p{L}\\p{N}_%+'.-])" + LOCAL
                    + "(?:@| @ |" + BRACKETED_AT + ")"
                    + "(?:" + LABEL + "(?:\\.|" + BRACKETED_DOT + "|" + SPELLED_DOT + "))+" + TLD
                    + "(?![\\p{L}\\p{N}_-])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Pattern SPELLED = Pattern.compile(
            "(?<![\\p{L}\\p{N}_%+'.-])" + LOCAL + "\\s+at\\s+" + "(?:" + LABEL + "(?:\\.|" + SPELLED_DOT + "))*" + LABEL
                    + SPELLED_DOT + TLD + "(?![\\p{L}\\p{N}_-])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Pattern SPELLED_HINT =
            Pattern.compile("\\bat\\b.+\\bdot\\b", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private Emails() {}

    static boolean mayBeSpelledOut(String text) {
        return SPELLED_HINT.matcher(text).find();
    }

    static void find(String text, BitSet claimed, List<Finding> found) {
        boolean hasAt = text.indexOf('@') >= 0;
        if (hasAt || text.toLowerCase(java.util.Locale.ROOT).contains("at")) {
            add(EMAIL.matcher(text), claimed, found);
        }
        if (mayBeSpelledOut(text)) {
            add(SPELLED.matcher(text), claimed, found);
        }
    }

    private static void add(Matcher matcher, BitSet claimed, List<Finding> found) {
        while (matcher.find()) {
            if (Redactor.free(claimed, matcher.start(), matcher.end())) {
                Redactor.claim(claimed, matcher.start(), matcher.end());
                found.add(new Finding(PiiKind.EMAIL, matcher.start(), matcher.end()));
            }
        }
    }
}
