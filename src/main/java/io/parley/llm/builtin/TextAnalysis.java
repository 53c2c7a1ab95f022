package io.parley.llm.builtin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns English text into comparable terms: lower-cased words without stop words, lightly stemmed, with a
 * customer's words for a support topic folded into one term, places given their country, and the kind of answer a
 * text asks for or states (a duration, a price, a time of day) as a term of its own. Deliberately small: every
 * step can be explained to a business that asks why its assistant quoted a sentence.
 */
final class TextAnalysis {

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private static final Set<String> STOP_WORDS = words(
            """
            a an the and or but if then so than too very just also not no nor of in on at to for from with by about as
            into over after before up down out off again there here when where why how what which who whom whose this
            that these those is are was were be been being am do does did doing have has had having can could would
            should will shall may might must i me my mine myself you your yours we us our ours it its they them their
            he she him her his any some all each such only own same other t d ll re ve don dont doesn didn cant won im
            ive id whats get got want need like know tell please pls plz ok okay yes yeah u ur guys till until stuff
            thing things something anything take takes taking took go going isnt arent wasnt werent hasnt havent
            hadnt doesnt didnt wont wouldnt couldnt shouldnt
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

    /** Words that open a request: question words, modals, wishes. */
    private static final Set<String> REQUEST_WORDS = words(
            """
            can could may might would will shall do does did is are how what whats where when which why want wanna
            need like please
            """);
    /** How many words after a request word still belong to the request. */
    private static final int REQUEST_REACH = 5;

    private static final Map<String, String> TOPIC_BY_STEM = topicsByStem();
    private static final Set<String> PLACE_TERMS = placeTerms();
    /** Words whose misspellings are worth catching: every topic word and place name. */
    private static final Set<String> KNOWN_WORDS = knownWords();

    private TextAnalysis() {}

    /**
     * The terms of a text to be searched (a fact, a passage's sentence), in order, repeats kept. Besides its words,
     * it has a term for each kind of answer it states: {@link Vocabulary#DURATION} for "3 to 5 business days",
     * "price" for "$15", "hour" for "8 am".
     */
    static List<String> terms(String text) {
        String lower = normalised(text);
        List<String> terms = wordTerms(lower, false);
        addPerMatch(Vocabulary.STATED_DURATION.matcher(lower), Vocabulary.DURATION, terms);
        addPerMatch(Vocabulary.STATED_PRICE.matcher(lower), "price", terms);
        addPerMatch(Vocabulary.STATED_TIME.matcher(lower), "hour", terms);
        return terms;
    }

    /**
     * The terms of a customer's question, in order, repeats kept. A question asks for a kind of answer by its
     * words ("how long" gives {@link Vocabulary#DURATION}), not by the amounts it mentions: "my zipper broke after 3
     * months" does not ask how long anything takes. A named place also gives {@link Vocabulary#PLACE}, so that
     * "Do you ship to Peru?" meets "any other country".
     */
    static List<String> questionTerms(String text) {
        String lower = normalised(text);
        List<String> terms = wordTerms(lower, true);
        addPerMatch(Vocabulary.STATED_TIME.matcher(lower), "hour", terms);
        return terms;
    }

    /**
     * The support topics the customer asks about, as opposed to mentions in passing: those within a few words after
     * a question word, a modal or a wish ("can I return…", "I would like a refund", "do you ship…"). In "my parcel
     * hasn't moved in a week", shipping is the setting, not the request.
     */
    static Set<String> requestedTopics(String question) {
        Set<String> requested = new LinkedHashSet<>();
        String[] words = NON_WORD.split(normalised(question));
        for (int i = 0; i < words.length; i++) {
            if (REQUEST_WORDS.contains(words[i])) {
                for (int j = i + 1; j < Math.min(words.length, i + 1 + REQUEST_REACH); j++) {
                    if (!words[j].isEmpty() && !STOP_WORDS.contains(words[j])) {
                        wordTerms(words[j], true).stream()
                                .filter(TextAnalysis::isTopic)
                                .forEach(requested::add);
                    }
                }
            }
        }
        return requested;
    }

    /** True when the term stands for a place: a city, region or country, or {@link Vocabulary#PLACE} itself. */
    static boolean isPlace(String term) {
        return PLACE_TERMS.contains(term);
    }

    private static String normalised(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace("'", "").replace("\u2019", "");
        for (Vocabulary.Phrase phrase : Vocabulary.PHRASES) {
            lower = phrase.applyTo(lower);
        }
        return Vocabulary.PLACE_OF_SEVERAL_WORDS.matcher(lower).replaceAll(place -> place.group()
                .replace(" ", ""));
    }

    private static List<String> wordTerms(String normalised, boolean question) {
        List<String> terms = new ArrayList<>();
        for (String word : NON_WORD.split(normalised)) {
            if (!word.isEmpty() && !STOP_WORDS.contains(word)) {
                // Only the customer's words are checked for typos: a business's own texts are taken as written.
                addTerms(question ? correctedIfMisspelt(word) : word, question, terms);
            }
        }
        return terms;
    }

    /** True when the term is one of the support topics (returns, shipping, cancelling, prices, hours, …). */
    static boolean isTopic(String term) {
        return Vocabulary.TOPICS.containsKey(term);
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

    private static void addTerms(String word, boolean question, List<String> terms) {
        String letterSize = Vocabulary.SIZE_LETTERS.get(word);
        if (letterSize != null) {
            terms.add(letterSize);
            return;
        }
        String stem = stem(word);
        terms.add(TOPIC_BY_STEM.getOrDefault(stem, stem));
        String country = Vocabulary.COUNTRY_OF_PLACE.get(word);
        if (country != null) {
            if (!country.equals(stem)) {
                terms.add(country);
            }
            if (question) {
                terms.add(Vocabulary.PLACE);
            }
        }
    }

    private static void addPerMatch(Matcher matcher, String term, List<String> terms) {
        while (matcher.find()) {
            terms.add(term);
        }
    }

    private static String correctedIfMisspelt(String word) {
        if (KNOWN_WORDS.contains(word) || TOPIC_BY_STEM.containsKey(stem(word))) {
            return word;
        }
        return Typos.likelyMeant(word, KNOWN_WORDS).orElse(word);
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
                .flatMap(list -> Vocabulary.words(list).stream())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static Map<String, String> topicsByStem() {
        Map<String, String> byStem = new HashMap<>();
        Vocabulary.TOPICS.forEach((topic, words) -> words.forEach(word -> {
            String earlier = byStem.put(stem(word), topic);
            // Caught when the class loads: a stem in two topics would make the engine's choice depend on map order.
            if (earlier != null && !earlier.equals(topic)) {
                throw new IllegalStateException("\"" + word + "\" belongs to two topics: " + earlier + ", " + topic);
            }
        }));
        return Map.copyOf(byStem);
    }

    private static Set<String> placeTerms() {
        Set<String> places = new TreeSet<>(Vocabulary.COUNTRY_OF_PLACE.values());
        Vocabulary.COUNTRY_OF_PLACE.keySet().forEach(place -> places.add(stem(place)));
        places.add(Vocabulary.PLACE);
        return Set.copyOf(places);
    }

    private static Set<String> knownWords() {
        Set<String> known = new TreeSet<>(Vocabulary.COUNTRY_OF_PLACE.keySet());
        Vocabulary.TOPICS.values().forEach(known::addAll);
        return Set.copyOf(known);
    }
}
