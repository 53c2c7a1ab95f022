package io.parley.redaction;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Phone numbers of 7 to 15 digits. A run of digits and separators (space, dot, dash, slash, parentheses) is taken
 * whole and then judged, never cut to fit:
 *
 * <ul>
 *   <li>with a leading {@code +} (or {@code 00} and separators): a phone number;
 *   <li>North American {@code (555) 123-4567}, {@code 555.123.4567}, {@code 1-800-555-0199}, and national numbers
 *       with a trunk 0 and separators ({@code 020 7946 0958}, {@code 06-12345678}, {@code 030/1234567}): a phone
 *       number unless an id word ("order", "item") comes just before;
 *   <li>anything else (a bare run of digits, {@code 555-1234}): only after a phone word ("call", "mobile", "my
 *       number").
 * </ul>
 *
 * Dates, ZIP+4 codes, amounts with thousands separators, and numbers after a currency are never phone numbers.
 */
final class PhoneNumbers {

    private static final Pattern DATE =
            Pattern.compile("\\d{1,2}([./-])\\d{1,2}\\1\\d{2}(?:\\d{2})?|\\d{4}([./-])\\d{1,2}\\2\\d{1,2}");
    private static final Pattern ZIP_PLUS_FOUR = Pattern.compile("\\d{5}-\\d{4}");
    private static final Pattern THOUSANDS = Pattern.compile("\\d{1,3}(?:([ .,'])\\d{3})(?:\\1\\d{3})*");
    private static final Pattern NANP =
            Pattern.compile("(?:1[ .-]?)?(?:\\(\\d{3}\\) ?|\\d{3}[ .-]?)\\d{3}[ .-]?\\d{4}");
    private static final Pattern UNITS = Pattern.compile(
            "^\\s?(?:%|€|\\$|£|eur|usd|gbp|chf|kg|g|km|m|cm|mm|ml|l|pcs|pieces|units|items|x|times|points|pts)\\b",
            Pattern.CASE_INSENSITIVE);

    private PhoneNumbers() {}

    /** A run of digits and separators, as found. */
    private record Run(int start, int end, String text, String digits, List<Integer> groups, boolean plus) {}

    static void find(String text, BitSet claimed, List<Finding> found) {
        int i = 0;
        while (i < text.length()) {
            Run run = runAt(text, i);
            if (run == null) {
                i++;
                continue;
            }
            i = Math.max(run.end(), i + 1);
            if (Redactor.free(claimed, run.start(), run.end()) && isPhone(text, run)) {
                Redactor.claim(claimed, run.start(), run.end());
                found.add(new Finding(PiiKind.PHONE, run.start(), run.end()));
            }
        }
    }

    /** The run starting at {@code at}, if a number starts there (not inside a word, an id or another number). */
    private static Run runAt(String text, int at) {
        char first = text.charAt(at);
        boolean plus = first == '+';
        int i = at;
        if (plus) {
            i++;
            if (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
        }
        int openParens = 0;
        if (i < text.length() && text.charAt(i) == '(') {
            openParens++;
            i++;
        }
        if (i >= text.length() || !isDigit(text.charAt(i))) {
            return null;
        }
        if (at > 0) {
            char before = text.charAt(at - 1);
            if (Character.isLetterOrDigit(before) || "_#@/+.,$€£¥-'".indexOf(before) >= 0) {
                return null;
            }
            if (before == ':' && at >= 2 && isDigit(text.charAt(at - 2))) {
                return null; // a time (10:30), unless a label says what follows (Tel:0612345678)
            }
        }
        int end = i;
        List<Integer> groups = new ArrayList<>();
        StringBuilder digits = new StringBuilder();
        while (end < text.length()) {
            int groupStart = end;
            while (end < text.length() && isDigit(text.charAt(end))) {
                digits.append(text.charAt(end));
                end++;
            }
            groups.add(end - groupStart);
            int sep = end;
            while (sep < text.length() && sep - end < 2 && " .-/()".indexOf(text.charAt(sep)) >= 0) {
                if (text.charAt(sep) == '(') {
                    openParens++;
                } else if (text.charAt(sep) == ')') {
                    openParens--;
                }
                sep++;
            }
            if (sep > end && sep < text.length() && isDigit(text.charAt(sep)) && validSeparator(text, end, sep)) {
                end = sep;
            } else {
                if (openParens > 0 && end < text.length() && text.charAt(end) == ')') {
                    end++;
                }
                break;
            }
        }
        if (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            return null;
        }
        if (end + 1 < text.length() && ".,".indexOf(text.charAt(end)) >= 0 && isDigit(text.charAt(end + 1))) {
            return null; // a decimal or a longer amount
        }
        return new Run(at, end, text.substring(at, end), digits.toString(), groups, plus);
    }

    /** One separator, or a parenthesis next to a space: "(555) 123", "0 (30)", " - " is not one. */
    private static boolean validSeparator(String text, int from, int to) {
        String sep = text.substring(from, to);
        return sep.length() == 1 || sep.equals(") ") || sep.equals(" (");
    }

    private static boolean isPhone(String text, Run run) {
        int length = run.digits().length();
        if (length < 7 || length > 15) {
            return false;
        }
        String bare = run.plus() ? run.text().substring(1).strip() : run.text();
        if (run.plus()) {
            return length >= 8 && (run.groups().size() == 1 || run.groups().getFirst() <= 4);
        }
        if (DATE.matcher(bare).matches() || ZIP_PLUS_FOUR.matcher(bare).matches()) {
            return false;
        }
        if (UNITS.matcher(text.substring(run.end())).find()) {
            return false;
        }
        Cues.Cue cue = Cues.before(text, run.start());
        if (cue == Cues.Cue.ID || cue == Cues.Cue.MONEY || cue == Cues.Cue.CARD) {
            return false;
        }
        boolean separated = run.groups().size() > 1;
        if (THOUSANDS.matcher(bare).matches()) {
            return cue == Cues.Cue.PHONE;
        }
        if (bare.startsWith("00") && separated && length >= 10) {
            return true;
        }
        if (NANP.matcher(bare).matches() && (separated || bare.startsWith("("))) {
            return true;
        }
        if (bare.charAt(0) == '0' && separated && length >= 9 && length <= 12 && !allShort(run.groups())) {
            return true;
        }
        return cue == Cues.Cue.PHONE;
    }

    /** Groups of one digit (0 1 2 3 4 5 6) read as a list of small numbers, not a phone number. */
    private static boolean allShort(List<Integer> groups) {
        return groups.stream().allMatch(g -> g <= 1);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
