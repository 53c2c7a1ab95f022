package io.parley.redaction;

import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment card numbers: 13 to 19 digits, whole or in the groups cards print (4-4-4-4, 4-6-5, 4-4-4-4-3, …) separated
 * by single spaces or dashes, with an issuer's prefix and length, and a valid Luhn check digit. A whole run of digits
 * right after "order", "tracking" or another id word is an id, not a card. Card-shaped numbers that fail the check are
 * not masked, but claimed so that no phone number is found inside them.
 */
final class CardNumbers {

    private static final Pattern CANDIDATE = Pattern.compile(
            "(?<![\\p{L}\\p{N}_#@/+.,$€£¥-]|\\d[ -])\\d(?:[ -]?\\d){12,18}(?![\\p{L}\\p{N}_]|[ -]?\\d|[.,]\\d)");

    private CardNumbers() {}

    static void find(String text, BitSet claimed, List<Finding> found) {
        Matcher m = CANDIDATE.matcher(text);
        while (m.find()) {
            if (!Redactor.free(claimed, m.start(), m.end())) {
                continue;
            }
            String candidate = m.group();
            String digits = candidate.replaceAll("[ -]", "");
            boolean separated = digits.length() != candidate.length();
            if (!printedGroups(candidate, separated)) {
                continue;
            }
            if (!separated && Cues.before(text, m.start()) == Cues.Cue.ID) {
                continue;
            }
            Redactor.claim(claimed, m.start(), m.end());
            if (issued(digits) && luhn(digits)) {
                found.add(new Finding(PiiKind.CARD, m.start(), m.end()));
            }
        }
    }

    /** Whole, or one kind of separator between the groups cards are printed in. */
    private static boolean printedGroups(String candidate, boolean separated) {
        if (!separated) {
            return true;
        }
        boolean spaces = candidate.indexOf(' ') >= 0;
        boolean dashes = candidate.indexOf('-') >= 0;
        if (spaces && dashes) {
            return false;
        }
        String[] groups = candidate.split(spaces ? " " : "-");
        int[] lengths = new int[groups.length];
        for (int i = 0; i < groups.length; i++) {
            lengths[i] = groups[i].length();
        }
        if (lengths.length == 3 && lengths[0] == 4 && lengths[1] == 6 && (lengths[2] == 5 || lengths[2] == 4)) {
            return true; // American Express, Diners Club
        }
        if (lengths.length < 4 || lengths[0] != 4) {
            return false;
        }
        for (int i = 1; i < lengths.length - 1; i++) {
            if (lengths[i] != 4) {
                return false;
            }
        }
        return lengths[lengths.length - 1] >= 1 && lengths[lengths.length - 1] <= 4;
    }

    /** A prefix and length some card scheme issues (Visa, Mastercard, Amex, Discover, Diners, JCB, UnionPay, Maestro). */
    static boolean issued(String digits) {
        int length = digits.length();
        int two = Integer.parseInt(digits.substring(0, 2));
        int four = Integer.parseInt(digits.substring(0, 4));
        return switch (digits.charAt(0)) {
            case '4' -> length == 13 || length == 16 || length == 19;
            case '5' -> (two >= 51 && two <= 55 && length == 16) || (two == 50 || two >= 56) && length >= 12;
            case '2' -> four >= 2221 && four <= 2720 && length == 16;
            case '3' ->
                ((two == 34 || two == 37) && length == 15)
                        || ((two == 36 || two == 38 || two == 30 || two == 39) && length >= 14 && length <= 19)
                        || (two == 35 && length >= 16 && length <= 19);
            case '6' -> length >= 16 && length <= 19;
            default -> false;
        };
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
