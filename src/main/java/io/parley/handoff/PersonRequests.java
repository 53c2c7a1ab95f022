package io.parley.handoff;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises, without a model, a customer asking for a person, the assistant offering one, and the customer's short
 * "yes" to that offer, in the languages an organization serves. English is always checked.
 *
 * <p>It works on phrases, not single words: "can I talk to an agent" and a message that is only "agent" ask for a
 * person; "is there an agent fee?" and "the person who delivered it was rude" do not. A negation just before a request
 * cancels it ("I don't want to talk to a person"); a complaint that asking did not work does not ("why can't I talk to
 * a person?"). Immutable and thread-safe.
 */
public final class PersonRequests {

    /** The languages the recogniser knows, as ISO 639-1 codes, English first. */
    public static final List<String> LANGUAGES = List.of("en", "es", "fr", "de", "it", "pt", "nl");

    /** {@link #LANGUAGES} as text, a constant for annotations and messages. */
    public static final String LANGUAGE_LIST = "en, es, fr, de, it, pt, nl";

    /** The most words a short acceptance of an offer may have ("yes please, that would be great"). */
    public static final int MAX_ACCEPTANCE_WORDS = 6;

    private static final Pattern QUESTION = Pattern.compile("[?¿؟？]");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final List<Phrasebook> phrasebooks;
    private final Set<String> yes;
    private final Set<String> yesWords;
    private final List<String> yesPhrases;

    private PersonRequests(List<Phrasebook> phrasebooks) {
        this.phrasebooks = List.copyOf(phrasebooks);
        Set<String> core = new LinkedHashSet<>();
        Set<String> allowed = new LinkedHashSet<>();
        List<String> phrases = new ArrayList<>();
        for (Phrasebook book : phrasebooks) {
            core.addAll(book.yes());
            allowed.addAll(book.yesWords());
            phrases.addAll(book.yesPhrases());
        }
        this.yes = Set.copyOf(core);
        this.yesWords = Set.copyOf(allowed);
        this.yesPhrases = List.copyOf(phrases);
    }

    /** Whether the recogniser knows this ISO 639-1 code (lower case). */
    public static boolean supports(String language) {
        return Phrasebooks.ALL.containsKey(language);
    }

    /**
     * The recogniser for English and these languages.
     *
     * @throws IllegalArgumentException for a code not in {@link #LANGUAGES}
     */
    public static PersonRequests forLanguages(Collection<String> languages) {
        Set<String> codes = new LinkedHashSet<>();
        codes.add("en");
        codes.addAll(languages);
        List<Phrasebook> books = new ArrayList<>();
        for (String code : codes) {
            Phrasebook book = Phrasebooks.ALL.get(code);
            if (book == null) {
                throw new IllegalArgumentException("no phrasebook for the language '" + code + "'");
            }
            books.add(book);
        }
        return new PersonRequests(books);
    }

    /** Whether the customer's message asks for a person. Null or blank: false. */
    public boolean asksForPerson(String customerText) {
        String folded = Folded.text(customerText);
        if (folded.isEmpty()) {
            return false;
        }
        for (Phrasebook book : phrasebooks) {
            if (book.asksForPerson(folded)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the assistant's message offers to bring in a person ("Shall I connect you with a colleague?"). */
    public boolean offersPerson(String assistantText) {
        String folded = Folded.text(assistantText);
        if (folded.isEmpty()) {
            return false;
        }
        for (Phrasebook book : phrasebooks) {
            if (book.offersPerson(folded)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the customer's message is a short yes: at most {@value #MAX_ACCEPTANCE_WORDS} words, no question mark,
     * at least one affirmative word ("yes", "sure", "oui", "graag") and nothing but affirmative and polite words around
     * it. "Yes please" is; "yes but where is my order?" and "no thanks" are not.
     */
    public boolean acceptsOffer(String customerText) {
        if (customerText == null
                || customerText.isBlank()
                || QUESTION.matcher(customerText).find()) {
            return false;
        }
        if (WHITESPACE.split(customerText.strip()).length > MAX_ACCEPTANCE_WORDS) {
            return false;
        }
        String words = " " + Folded.words(customerText) + " ";
        for (String phrase : yesPhrases) {
            words = words.replace(" " + phrase + " ", " yes ");
        }
        String[] tokens = words.strip().split(" ");
        boolean affirmative = false;
        for (String token : tokens) {
            if (token.isEmpty() || !yesWords.contains(token)) {
                return false;
            }
            affirmative |= yes.contains(token);
        }
        return affirmative;
    }
}
