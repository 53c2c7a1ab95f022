package io.parley.redaction;

import java.util.BitSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Web addresses: their digits are paths and ids, never a card or a phone number (an email in one is still found). */
final class Links {

    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>\"']+");

    private Links() {}

    static void claim(String text, BitSet claimed) {
        if (text.indexOf("://") < 0 && text.toLowerCase(java.util.Locale.ROOT).indexOf("www.") < 0) {
            return;
        }
        Matcher link = LINK.matcher(text);
        while (link.find()) {
            Redactor.claim(claimed, link.start(), link.end());
        }
    }
}
