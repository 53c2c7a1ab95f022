package io.parley.redaction;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IBANs: a country code, two check digits and the country's length of letters and digits, written whole or in groups
 * separated by single spaces, upper or lower case, and valid by ISO 13616's mod-97 check. A string shaped like an IBAN
 * that fails the check is not masked, but its digits are claimed so that no card or phone number is found inside it.
 */
final class Ibans {

    /** ISO 13616 lengths of the registry's countries (SWIFT IBAN registry). */
    private static final Map<String, Integer> LENGTHS = Map.<String, Integer>ofEntries(
            Map.entry("AD", 24),
            Map.entry("AE", 23),
            Map.entry("AL", 28),
            Map.entry("AT", 20),
            Map.entry("AZ", 28),
            Map.entry("BA", 20),
            Map.entry("BE", 16),
            Map.entry("BG", 22),
            Map.entry("BH", 22),
            Map.entry("BR", 29),
            Map.entry("BY", 28),
            Map.entry("CH", 21),
            Map.entry("CR", 22),
            Map.entry("CY", 28),
            Map.entry("CZ", 24),
            Map.entry("DE", 22),
            Map.entry("DK", 18),
            Map.entry("DO", 28),
            Map.entry("EE", 20),
            Map.entry("EG", 29),
            Map.entry("ES", 24),
            Map.entry("FI", 18),
            Map.entry("FO", 18),
            Map.entry("FR", 27),
            Map.entry("GB", 22),
            Map.entry("GE", 22),
            Map.entry("GI", 23),
            Map.entry("GL", 18),
            Map.entry("GR", 27),
            Map.entry("GT", 28),
            Map.entry("HR", 21),
            Map.entry("HU", 28),
            Map.entry("IE", 22),
            Map.entry("IL", 23),
            Map.entry("IQ", 23),
            Map.entry("IS", 26),
            Map.entry("IT", 27),
            Map.entry("JO", 30),
            Map.entry("KW", 30),
            Map.entry("KZ", 20),
            Map.entry("LB", 28),
            Map.entry("LC", 32),
            Map.entry("LI", 21),
            Map.entry("LT", 20),
            Map.entry("LU", 20),
            Map.entry("LV", 21),
            Map.entry("MC", 27),
            Map.entry("MD", 24),
            Map.entry("ME", 22),
            Map.entry("MK", 19),
            Map.entry("MR", 27),
            Map.entry("MT", 31),
            Map.entry("MU", 30),
            Map.entry("NL", 18),
            Map.entry("NO", 15),
            Map.entry("PK", 24),
            Map.entry("PL", 28),
            Map.entry("PS", 29),
            Map.entry("PT", 25),
            Map.entry("QA", 29),
            Map.entry("RO", 24),
            Map.entry("RS", 22),
            Map.entry("SA", 24),
            Map.entry("SC", 31),
            Map.entry("SE", 24),
            Map.entry("SI", 19),
            Map.entry("SK", 24),
            Map.entry("SM", 27),
            Map.entry("ST", 25),
            Map.entry("SV", 28),
            Map.entry("TL", 23),
            Map.entry("TN", 24),
            Map.entry("TR", 26),
            Map.entry("UA", 29),
            Map.entry("VA", 22),
            Map.entry("VG", 24),
            Map.entry("XK", 20));

    private static final Pattern START = Pattern.compile("(?<![\\p{L}\\p{N}_])(?:[A-Z]{2}|[a-z]{2})\\d{2}");

    private Ibans() {}

    static void find(String text, BitSet claimed, List<Finding> found) {
        Matcher start = START.matcher(text);
        int from = 0;
        while (from < text.length() && start.find(from)) {
            from = start.start() + 1;
            String country = text.substring(start.start(), start.start() + 2).toUpperCase(Locale.ROOT);
            Integer length = LENGTHS.get(country);
            if (length == null) {
                continue;
            }
            int end = scan(text, start.start(), length);
            if (end < 0) {
                int run = run(text, start.start());
                if (run - start.start() >= 16 && Redactor.free(claimed, start.start(), run)) {
                    Redactor.claim(claimed, start.start(), run); // IBAN-shaped but not this country's length
                    from = run;
                }
                continue;
            }
            String compact = text.substring(start.start(), end).replace(" ", "").toUpperCase(Locale.ROOT);
            if (!Redactor.free(claimed, start.start(), end)) {
                continue;
            }
            Redactor.claim(claimed, start.start(), end);
            from = end;
            if (valid(compact)) {
                found.add(new Finding(PiiKind.IBAN, start.start(), end));
            }
        }
    }

    /**
     * The end of {@code length} letters and digits from {@code at}, single spaces between them allowed, when nothing
     * of a word follows; -1 otherwise. A string one character short or long is no IBAN of this country.
     */
    private static int scan(String text, int at, int length) {
        int count = 0;
        int i = at;
        while (i < text.length() && count < length) {
            char c = text.charAt(i);
            if (isAlnum(c)) {
                count++;
                i++;
            } else if (c == ' ' && count >= 4 && i + 1 < text.length() && isAlnum(text.charAt(i + 1))) {
                i++;
            } else {
                break;
            }
        }
        if (count < length) {
            return -1;
        }
        if (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            return -1;
        }
        if (i + 1 < text.length() && text.charAt(i) == ' ' && Character.isDigit(text.charAt(i + 1))) {
            return -1; // more digits follow in the same rhythm: a longer number, not this country's IBAN
        }
        return i;
    }

    /** The end of the letters and digits from {@code at}, single spaces between them allowed. */
    private static int run(String text, int at) {
        int i = at;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (isAlnum(c)) {
                i++;
            } else if (c == ' '
                    && i + 1 < text.length()
                    && isAlnum(text.charAt(i + 1))
                    && Character.isDigit(text.charAt(i + 1))) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean isAlnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /** ISO 7064 mod 97-10: the country and check digits moved to the end, letters as 10…35, remainder 1. */
    static boolean valid(String iban) {
        for (int i = 4; i < iban.length(); i++) {
            char c = iban.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            remainder = c <= '9' ? (remainder * 10 + (c - '0')) % 97 : (remainder * 100 + (c - 'A' + 10)) % 97;
        }
        return remainder == 1;
    }
}
