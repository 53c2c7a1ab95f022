package io.parley.redaction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words just before a number that say what it is: "call me on" makes a bare run of digits a phone number, "order"
 * or "tracking" makes it an id. Only the nearest such word counts, within the same clause.
 */
final class Cues {

    /** What the nearest word before a number says it is. */
    enum Cue {
        PHONE,
        CARD,
        ID,
        MONEY,
        NONE
    }

    /** How far back a cue is looked for, in chars. */
    private static final int WINDOW = 40;

    private static final Pattern WORDS = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?:"
                    + "(?<phone>phones?|telephone|tel|mobile|cell|cellphone|call|calling|ring|text|sms|whats\\s?app|"
                    + "reach|contact|landline|fax|dial|handy|telefon|telefono|teléfono|téléphone|portable|móvil|"
                    + "movil|cellulare|numéro|nummer|my number)"
                    + "|(?<card>card|visa|mastercard|amex|credit|debit|cc|pan)"
                    + "|(?<id>orders?|invoice|tracking|track|shipment|parcel|package|awb|items?|sku|"
                    + "product|article|art|model|serial|imei|part|ref|reference|id|ticket|case|account|acct|"
                    + "confirmation|receipt|transaction|booking|reservation|customer|member|membership|voucher|"
                    + "coupon|code|po|batch|lot|zip|postcode|postal|ean|upc|isbn|asin|barcode)"
                    + "|(?<money>usd|eur|gbp|chf|price|paid|cost|costs|total|amount|refund|balance)"
                    + ")(?![\\p{L}\\p{N}])"
                    + "|(?<symbol>[$€£¥])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Pattern CLAUSE_BREAK = Pattern.compile("[.!?;\\n]\\s");

    private Cues() {}

    /** The cue of the nearest telling word in the clause before {@code at}. */
    static Cue before(String text, int at) {
        int from = Math.max(0, at - WINDOW);
        String window = text.substring(from, at);
        Matcher br = CLAUSE_BREAK.matcher(window);
        int clause = 0;
        while (br.find()) {
            clause = br.end();
        }
        window = window.substring(clause);
        Matcher words = WORDS.matcher(window);
        Cue last = Cue.NONE;
        while (words.find()) {
            if (words.group("phone") != null) {
                last = Cue.PHONE;
            } else if (words.group("card") != null) {
                last = Cue.CARD;
            } else if (words.group("id") != null) {
                last = Cue.ID;
            } else {
                last = Cue.MONEY;
            }
        }
        return last;
    }
}
