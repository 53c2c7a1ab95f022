package io.parley.redaction;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * Finds and masks email addresses, phone numbers, payment card numbers (Luhn-checked) and IBANs (mod-97 checked) in
 * free text, such as a customer's message, before it reaches a language model or the store.
 *
 * <p>Precision matters as much as recall: order numbers ({@code #W2378156}), tracking and item ids, prices, dates,
 * zip codes, quantities and years are left alone. So a bare run of digits (no separators, no {@code +}) is a phone
 * number only after a word that says so ("call me", "mobile", "phone"), and never after one that says it is an id
 * ("order", "item", "tracking"). Everything outside the matches is kept char for char. The figures, measured on a
 * labeled set of customer messages, are in {@code docs/benchmarks.md}.
 *
 * <p>Stateless and thread-safe; linear in the text's length.
 */
public final class Redactor {

    /** A text with nothing to mask is returned as it is; so is null. */
    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        List<Finding> findings = find(text);
        if (findings.isEmpty()) {
            return text;
        }
        StringBuilder masked = new StringBuilder(text.length());
        int at = 0;
        for (Finding finding : findings) {
            masked.append(text, at, finding.start()).append(finding.kind().token());
            at = finding.end();
        }
        return masked.append(text, at, text.length()).toString();
    }

    /** What {@link #mask} replaces, in order, never overlapping. */
    public List<Finding> find(String text) {
        if (text == null || text.isEmpty() || !mayHoldAny(text)) {
            return List.of();
        }
        List<Finding> found = new ArrayList<>();
        // Order matters: an email's digits, an IBAN's digits and a card's digits are not looked at again.
        BitSet claimed = new BitSet(text.length());
        Emails.find(text, claimed, found);
        Ibans.find(text, claimed, found);
        Links.claim(text, claimed);
        CardNumbers.find(text, claimed, found);
        PhoneNumbers.find(text, claimed, found);
        found.sort(Comparator.comparingInt(Finding::start));
        return List.copyOf(found);
    }

    /** Every kind needs an {@code @} or at least seven digits, or a spelled-out "at": most messages stop here. */
    private static boolean mayHoldAny(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '@' || (c >= '0' && c <= '9' && ++digits >= 7)) {
                return true;
            }
        }
        return Emails.mayBeSpelledOut(text);
    }

    static void claim(BitSet claimed, int start, int end) {
        claimed.set(start, end);
    }

    static boolean free(BitSet claimed, int start, int end) {
        int next = claimed.nextSetBit(start);
        return next < 0 || next >= end;
    }
}
