package io.parley.llm.builtin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns English text into comparable terms: lower-cased words without stop words, lightly stemmed, with a few
 * customer-service synonyms folded into one term. Deliberately small: every step can be explained to a business
 * that asks why its assistant quoted a sentence.
 */
final class TextAnalysis {

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** Phrases that mean a single support topic; replaced before the text is cut into words. */
    private static final Map<Pattern, String> PHRASES = Map.of(
            Pattern.compile("\\bmoney back\\b"), " refund ",
            Pattern.compile("\\bsend (?:it |them )?back\\b"), " return ",
            Pattern.compile("\\bhow much\\b"), " price ",
            Pattern.compile("\\bopening times?\\b"), " hours ");

    /** Words that mean the same to a customer, by topic; each word is stemmed before it is looked up. */
    private static final Map<String, List<String>> SYNONYMS = Map.of(
            "return", List.of("return", "refund", "reimburse"),
            "ship", List.of("ship", "shipping", "deliver", "delivery", "dispatch", "courier", "postage"),
            "cancel", List.of("cancel", "cancelled", "canceled", "cancellation"),
            "price", List.of("price", "cost", "fee", "charge", "expensive", "cheap"),
            "hour", List.of("hour", "open", "opening"),
            "repair", List.of("repair", "fix", "broken", "damaged", "faulty"));

    private static final Set<String> STOP_WORDS = words(
            """
            a an the and or but if then so than too very just also not no nor of in on at to for from with by about as
            into over after before up down out off again there here when where why how what which who whom whose this
            that these those is are was were be been being am do does did doing have has had having can could would
            should will shall may might must i me my mine myself you your yours we us our ours it its they them their
            he she him her his any some all each such only own same other s t d ll m re ve don dont doesn didn cant
            won im ive id whats get got want need like know tell please ok okay yes yeah
            """,
            // social words: answered as greetings, thanks or goodbyes rather than matched
            """
            hi hello hey hiya howdy greetings good morning afternoon evening thanks thank thx cheers bye goodbye lot
            much great perfect awesome nice appreciate appreciated
            """,
            // words of instructions aimed at the assistant: they say nothing about the business
            """
            ignore disregard instruction instructions prompt pretend previous
            """);

    private static final Map<String, String> TOPIC_BY_STEM = topicsByStem();

    private TextAnalysis() {}

    /** The terms of a text, in order, repeats kept (term frequency matters for ranking). */
    static List<String> terms(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace("'", "").replace("\u2019", "");
        for (var phrase : PHRASES.entrySet()) {
            lower = phrase.getKey().matcher(lower).replaceAll(phrase.getValue());
        }
        List<String> terms = new ArrayList<>();
        for (String word : NON_WORD.split(lower)) {
            if (!word.isEmpty() && !STOP_WORDS.contains(word)) {
                String stem = stem(word);
                terms.add(TOPIC_BY_STEM.getOrDefault(stem, stem));
            }
        }
        return terms;
    }

    /** True when the term is one of the support topics (returns, shipping, cancelling, prices, hours, repairs). */
    static boolean isTopic(String term) {
        return SYNONYMS.containsKey(term);
    }

    /**
     * Strips plural, -ing and -ed endings and a final e, so that "shipping", "ships" and "shipped" meet as "ship"
     * and "sizes", "sizing" and "size" as "siz". Short words are left alone.
     */
    static String stem(String word) {
        String w = word;
        if (w.length() <= 3) {
            return w;
        }
        if (w.endsWith("ies") && w.length() > 4) {
            w = w.substring(0, w.length() - 3) + "y";
        } else if (w.endsWith("sses") || w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes")) {
            w = w.substring(0, w.length() - 2);
        } else if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            w = w.substring(0, w.length() - 1);
        }
        if (w.endsWith("ing") && w.length() >= 6) {
            w = undouble(w.substring(0, w.length() - 3));
        } else if (w.endsWith("ed") && w.length() >= 5) {
            w = undouble(w.substring(0, w.length() - 2));
        }
        if (w.endsWith("e") && w.length() >= 4) {
            w = w.substring(0, w.length() - 1);
        }
        return w;
    }

    /** "shipp" → "ship", "stopp" → "stop"; l, s and z stay doubled ("call", "dress"). */
    private static String undouble(String w) {
        int n = w.length();
        if (n >= 3 && w.charAt(n - 1) == w.charAt(n - 2) && "aeioulsz".indexOf(w.charAt(n - 1)) < 0) {
            return w.substring(0, n - 1);
        }
        return w;
    }

    private static Set<String> words(String... lists) {
        return Arrays.stream(lists)
                .flatMap(list -> Arrays.stream(list.strip().split("\\s+")))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static Map<String, String> topicsByStem() {
        Map<String, String> byStem = new HashMap<>();
        SYNONYMS.forEach((topic, words) -> words.forEach(word -> byStem.put(stem(word), topic)));
        return Map.copyOf(byStem);
    }
}
