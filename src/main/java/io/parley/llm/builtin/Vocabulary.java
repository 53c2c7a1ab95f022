package io.parley.llm.builtin;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The little world knowledge the built-in engine has: words a customer uses for the same support topic, phrases
 * that ask for a kind of answer (a duration, a price, opening hours), and places with the country they are in. It
 * lets "how long till my parcel gets to Toronto" meet "Standard shipping to Canada takes 3 to 5 business days"
 * although the two share no word. Kept as plain lists so that a business asking why a sentence was quoted can be
 * shown the reason.
 */
final class Vocabulary {

    /** The term of a question asking how long something takes, and of a text stating a length of time. */
    static final String DURATION = "duration";
    /** The term of anything about a place: a country, a city, "abroad", "where you are located". */
    static final String PLACE = "place";

    /** Words that mean the same to a customer, by topic; each word is stemmed before it is looked up. */
    static final Map<String, Set<String>> TOPICS = Map.ofEntries(
            topic("return", "return refund reimburse reimbursement"),
            topic("ship", "ship shipping shipment deliver delivery dispatch courier postage parcel transit send"),
            topic("cancel", "cancel cancelled canceled cancellation"),
            topic("change", "change modify amend edit"),
            topic("price", "price cost fee charge expensive cheap pay paid"),
            topic("hour", "hour open opening close closed closing"),
            topic("repair", "repair fix broken broke torn ripped damaged crushed dented faulty defect defective"),
            topic("warranty", "warranty guarantee guaranteed cover covered coverage"),
            topic("size", "size sizing"),
            topic("fit", "fit fitting snug snugly tight loose baggy roomy"),
            topic("store", "store shop showroom branch outlet"),
            topic("contact", "contact phone telephone call email reach"),
            topic("wash", "wash clean launder laundry"),
            topic("exchange", "exchange swap"),
            topic("track", "track tracking"),
            topic(PLACE, "country international internationally abroad overseas worldwide located"));

    /** Letter sizes, named the way customers write them ("medium") and tables print them ("M"). */
    static final Map<String, String> SIZE_LETTERS =
            Map.of("xs", "xsmall", "s", "small", "m", "medium", "l", "large", "xl", "xlarge", "xxl", "xxlarge");

    /**
     * Phrases replaced before the text is cut into words (the text is lower case by then), in this order: "how
     * long" must become a duration before "long" could mean anything else.
     */
    static final List<Phrase> PHRASES = List.of(
            // "10.5" stays one term, and "24 hours" a length of time rather than opening hours.
            new Phrase("(\\d)\\.(\\d)", "$1point$2"),
            new Phrase("\\b(\\d+|a|an|one|two|few|several) hours?\\b", "$1 hrs"),
            new Phrase("\\bmoney back\\b", " refund "),
            new Phrase("\\bsend(?:s|ing)? (?:\\w+ )?back\\b", " return "),
            new Phrase("\\bhow much\\b", " price "),
            new Phrase("\\bopening times?\\b|\\bwhat time\\b", " hours "),
            new Phrase("\\bhow (?:long|soon|quickly|fast)\\b", " " + DURATION + " "),
            new Phrase("\\bhow many (?:business |working )?(?:days|weeks)\\b", " " + DURATION + " "),
            new Phrase(
                    "\\bwhen (?:will|would|should|can|do|does) (?:i|it|they|my \\w+|the \\w+|our \\w+)"
                            + " (?:arrive|come|get here|be delivered|ship)",
                    " " + DURATION + " ship "),
            new Phrase("\\bwhen (?:will|would|should|can|do|does) (?:i|we) (?:get|receive)\\b", " " + DURATION + " "),
            new Phrase(
                    "\\b(?:till|until|before) (?:it|they|my \\w+) (?:arrives?|gets? (?:here|to)|comes?|shows? up)\\b",
                    " " + DURATION + " ship "),
            new Phrase("\\bgets? here\\b|\\bgo(?:es)? out\\b", " ship "),
            new Phrase("\\bpick(?:s|ing|ed)? (?:it |them |\\w+ )?up\\b", " pickup "),
            new Phrase("\\bruns? (?:\\w+ ){0,4}?(small|big|large|narrow|wide|short|long)\\b", " fit $0 "),
            new Phrase("\\btrue to size\\b", " fit size "),
            new Phrase("\\bclose[- ]fitting\\b", " snug "),
            new Phrase("\\bextra[ -]?small\\b|\\bx-small\\b", " xs "),
            new Phrase("\\bextra[ -]?large\\b|\\bx-large\\b", " xl "),
            new Phrase("\\bphone number\\b", " phone "),
            new Phrase("\\bemail address\\b", " email "),
            new Phrase("\\bcustomer (?:service|support|care)\\b", " support contact "),
            new Phrase("\\bbased in\\b", " " + PLACE + " "),
            new Phrase("\\b(?:the )?u\\.s\\.(?:a\\.)?", " usa "),
            new Phrase("\\bthe us\\b", " the usa "),
            new Phrase("\\bunited states(?: of america)?\\b", " usa "),
            new Phrase("\\bunited kingdom\\b|\\bgreat britain\\b", " uk "));

    /** Places of several words, written as one in {@link #COUNTRY_OF_PLACE} ("new york" is "newyork"). */
    static final Pattern PLACE_OF_SEVERAL_WORDS = Pattern.compile(
            "\\b(?:new york|los angeles|san francisco|san diego|san antonio|san jose|salt lake city|las vegas"
                    + "|british columbia|nova scotia|new brunswick|prince edward island|mexico city)\\b");

    /** A stated length of time ("3 to 5 business days", "one year"): such a text answers "how long". */
    static final Pattern STATED_DURATION = Pattern.compile(
            "\\b(?:\\d+(?:point\\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fourteen|thirty)"
                    + "(?:\\s*(?:-|–|to)\\s*\\d+)?\\s+(?:business\\s+|working\\s+)?"
                    + "(?:days?|weeks?|months?|years?|hrs|minutes?)\\b|\\blifetime\\b");
    /** A stated amount of money: such a text answers "how much". */
    static final Pattern STATED_PRICE = Pattern.compile("\\$\\s?\\d|\\b\\d+(?:point\\d+)?\\s?(?:dollars|usd|cad)\\b");
    /** A stated time of day: such a text answers "when are you open". */
    static final Pattern STATED_TIME = Pattern.compile("\\b\\d{1,2}(?::\\d{2})?\\s?(?:am|pm|a\\.m\\.|p\\.m\\.)");

    /** Places by the country they are in; a place's own name stays a term too. */
    static final Map<String, String> COUNTRY_OF_PLACE = countries(Map.of(
            "canada",
            """
            canada canadian toronto montreal vancouver calgary edmonton ottawa winnipeg quebec halifax victoria
            hamilton regina saskatoon ontario alberta britishcolumbia manitoba saskatchewan novascotia newbrunswick
            newfoundland princeedwardisland yukon nunavut
            """,
            "usa",
            """
            usa america american alaska hawaii california texas florida colorado washington oregon arizona nevada
            utah idaho montana wyoming newyork chicago boston seattle denver portland austin dallas houston miami
            atlanta phoenix losangeles sanfrancisco sandiego sanantonio sanjose saltlakecity lasvegas boulder
            philadelphia detroit minneapolis
            """,
            "mexico",
            "mexico mexican mexicocity guadalajara monterrey cancun tijuana",
            "uk",
            "uk britain british england scotland wales london",
            "europe",
            "europe european germany france spain italy netherlands ireland sweden norway",
            "australia",
            "australia australian sydney melbourne",
            "asia",
            "asia japan china india korea singapore"));

    private Vocabulary() {}

    /** A phrase to replace, and what with ({@link java.util.regex.Matcher#replaceAll(String)}'s syntax). */
    record Phrase(Pattern pattern, String replacement) {
        Phrase(String regex, String replacement) {
            this(Pattern.compile(regex), replacement);
        }

        String applyTo(String text) {
            return pattern.matcher(text).replaceAll(replacement);
        }
    }

    private static Map.Entry<String, Set<String>> topic(String topic, String words) {
        return Map.entry(topic, words(words));
    }

    private static Map<String, String> countries(Map<String, String> placesByCountry) {
        return placesByCountry.entrySet().stream()
                .flatMap(country -> words(country.getValue()).stream().map(place -> Map.entry(place, country.getKey())))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The words of a space-separated list, in its order (so that anything built from them is built alike). */
    static Set<String> words(String list) {
        return Collections.unmodifiableSet(
                new LinkedHashSet<>(Arrays.asList(list.strip().split("\\s+"))));
    }
}
