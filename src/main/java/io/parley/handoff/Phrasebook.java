package io.parley.handoff;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one language asks for a person, offers one, and says a short yes. Every pattern runs on {@link Folded} text.
 *
 * @param requests verb-led requests ("talk to a person", "pásame con un agente"); they do not count when the words
 *     just before them, in the same clause, negate them ("I don't want to talk to a person")
 * @param mentions nouns that are a request on their own ("a real person", "atención humana"); they also do not count
 *     in a question about the assistant itself ("are you a real person?")
 * @param standalone a whole clause that is nothing but a request ("agent", "Mitarbeiter bitte"); single words that
 *     would be ambiguous inside a sentence ("is there an agent fee?") are only trusted here
 * @param negation matched against the words before a request, anchored at their end
 * @param inability what looks like a negation but is a complaint that asking did not work ("why can't I talk to a
 *     person"): it does not cancel the request
 * @param aboutAssistant matched against the words before a mention, anchored at their end
 * @param offers the assistant offering to bring in a person
 * @param offerNegation words before or inside an offer that cancel it ("I can't transfer you to a person now")
 * @param yes words of which a short acceptance must hold at least one ("yes", "sure", "graag")
 * @param yesWords every word a short acceptance may hold ("please", "thanks", "that would be great")
 * @param yesPhrases phrases that say yes with words that otherwise do not ("why not"); each counts as a "yes"
 */
record Phrasebook(
        String language,
        List<Pattern> requests,
        List<Pattern> mentions,
        Pattern standalone,
        Pattern negation,
        Pattern inability,
        Pattern aboutAssistant,
        List<Pattern> offers,
        Pattern offerNegation,
        Set<String> yes,
        Set<String> yesWords,
        List<String> yesPhrases) {

    /** How many words before a match are read for a negation or a question about the assistant. */
    private static final int WINDOW = 6;

    Phrasebook {
        requests = List.copyOf(requests);
        mentions = List.copyOf(mentions);
        offers = List.copyOf(offers);
        yes = Set.copyOf(yes);
        yesWords = Set.copyOf(yesWords);
        yesPhrases = List.copyOf(yesPhrases);
    }

    boolean asksForPerson(String folded) {
        for (Pattern request : requests) {
            if (anyMatch(request, folded, false)) {
                return true;
            }
        }
        for (Pattern mention : mentions) {
            if (anyMatch(mention, folded, true)) {
                return true;
            }
        }
        for (String clause : folded.split(" \\. ")) {
            if (standalone.matcher(clause).matches()) {
                return true;
            }
        }
        return false;
    }

    boolean offersPerson(String folded) {
        for (Pattern offer : offers) {
            Matcher m = offer.matcher(folded);
            while (m.find()) {
                // "I can't connect you with an agent": the negation may sit before the offer or inside it.
                if (!offerNegation
                        .matcher(window(folded, m.start()) + " " + m.group())
                        .find()) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean anyMatch(Pattern pattern, String folded, boolean mention) {
        Matcher m = pattern.matcher(folded);
        while (m.find()) {
            String before = window(folded, m.start());
            boolean negated = negation.matcher(before).find()
                    && !inability.matcher(before).find();
            boolean aboutTheAssistant =
                    mention && aboutAssistant.matcher(before).find();
            if (!negated && !aboutTheAssistant) {
                return true;
            }
        }
        return false;
    }

    /** Up to {@link #WINDOW} words before {@code end}, within the clause that holds it. */
    private static String window(String folded, int end) {
        String before = folded.substring(0, end);
        int clause = before.lastIndexOf(" . ");
        if (clause >= 0) {
            before = before.substring(clause + 3);
        }
        String[] words = before.strip().split(" ");
        int from = Math.max(0, words.length - WINDOW);
        return String.join(" ", java.util.Arrays.copyOfRange(words, from, words.length));
    }
}
