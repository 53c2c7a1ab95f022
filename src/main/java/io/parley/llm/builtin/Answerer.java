package io.parley.llm.builtin;

import io.parley.llm.Grounding;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Composes the built-in engine's reply from the organization's {@link Grounding} alone. Every sentence is either
 * one of the organization's own (quoted as written), its fallback message, or a fixed courtesy (a greeting, a
 * thank-you, an offer to connect a person) that states no fact about the business. The customer's text is only
 * ever matched against the profile, never obeyed, so instructions inside it have no effect.
 *
 * <p>Pure and deterministic: the same message and grounding always give the same reply.
 */
final class Answerer {

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[\\p{Lu}\\p{N}\"'(])");
    private static final int PASSAGES = 2;
    /** How much a guideline's or value's match counts against a fact's. */
    private static final double CONDUCT_WEIGHT = 0.6;
    /** Said only when the organization left its fallback message blank. */
    private static final String NO_ANSWER = "I'm sorry, I can't answer that here.";
    /** A fallback message that already offers a person needs no second offer. */
    private static final Pattern OFFERS_A_PERSON = Pattern.compile(
            "\\b(connect|transfer|put you through|hand you over|(speak|talk|chat) (to|with))\\b",
            Pattern.CASE_INSENSITIVE);

    String reply(String message, Grounding grounding) {
        Tone tone = Tone.of(grounding.tone());
        Intents intents = Intents.of(message);
        List<String> questionTerms = TextAnalysis.terms(message);
        List<String> parts = new ArrayList<>();
        if (questionTerms.isEmpty() && !intents.wantsPerson() && social(intents, tone, grounding, parts)) {
            return tone.finish(String.join(" ", parts));
        }
        List<String> passages = intents.wantsPerson()
                ? List.of()
                : index(grounding).mostRelevant(questionTerms, tone.concise() ? 1 : PASSAGES);
        // A concise reply spends its two sentences on the answer, not on a greeting.
        if (intents.greeting() && !tone.concise()) {
            parts.add(tone.greeting(intents.timeOfDay()));
        }
        if (passages.isEmpty()) {
            String fallback =
                    grounding.fallbackMessage().isBlank() ? NO_ANSWER : asSentence(grounding.fallbackMessage());
            parts.add(fallback);
            if (!OFFERS_A_PERSON.matcher(fallback).find()) {
                parts.add(tone.offerPerson());
            }
        } else {
            passages.forEach(passage -> parts.add(asSentence(passage)));
        }
        return tone.finish(String.join(" ", parts));
    }

    /** Answers a message that asks nothing: a goodbye, thanks or a greeting. False when it is none of those. */
    private static boolean social(Intents intents, Tone tone, Grounding grounding, List<String> parts) {
        if (intents.goodbye()) {
            parts.add(tone.goodbye(grounding.businessName()));
        } else if (intents.thanks()) {
            parts.add(tone.youAreWelcome());
        } else if (intents.greeting()) {
            parts.add(tone.greeting(intents.timeOfDay()));
            parts.add(tone.welcome(grounding.businessName()));
        }
        return !parts.isEmpty();
    }

    /**
     * What the engine may quote: the business's facts (rules, then description sentences) and, counting for less,
     * its guidelines and values, which speak to the assistant and should be quoted only when they fit clearly better.
     */
    private static PassageIndex index(Grounding grounding) {
        List<String> facts = new ArrayList<>(grounding.rules());
        facts.addAll(List.of(SENTENCE_END.split(grounding.description().strip())));
        List<String> conduct = new ArrayList<>(grounding.guidelines());
        conduct.addAll(grounding.values());
        List<String> passages = new ArrayList<>(clean(facts));
        List<Double> weights = new ArrayList<>(passages.stream().map(p -> 1.0).toList());
        for (String passage : clean(conduct)) {
            passages.add(passage);
            weights.add(CONDUCT_WEIGHT);
        }
        return new PassageIndex(passages, weights);
    }

    private static List<String> clean(List<String> passages) {
        return passages.stream()
                .map(String::strip)
                .filter(text -> !text.isEmpty())
                .toList();
    }

    private static String asSentence(String text) {
        String stripped = text.strip();
        return stripped.matches("(?s).*[.!?]$") ? stripped : stripped + ".";
    }
}
