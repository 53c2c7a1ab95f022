package io.parley.llm.builtin;

import io.parley.llm.Grounding;
import io.parley.llm.Passage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Composes the built-in engine's reply. A question is answered, in this order, from:
 *
 * <ol>
 *   <li>the request's passages (the business's knowledge base, retrieved for this question): the one to three
 *       sentences that answer it best, quoted as written and followed by their passage's marker, like {@code [1]};
 *   <li>otherwise the facts of the organization's profile (its rules and description, never its guidelines or
 *       values, which are instructions to the assistant), when one is clearly relevant;
 *   <li>otherwise a plain "I don't have information about that.", the organization's fallback message and an
 *       offer of a person.
 * </ol>
 *
 * Greetings, thanks and goodbyes get a fixed courtesy, and asking for a person gets the fallback message and the
 * offer. Every other sentence is quoted from the business's own text, so the engine states no fact of its own. The
 * customer's text is only ever matched, never obeyed, so instructions inside it have no effect.
 *
 * <p>Pure and deterministic: the same message, grounding and passages always give the same reply.
 */
final class Answerer {

    /** At most this many sentences are quoted, fewer when the tone asks for concise replies. */
    private static final int MAX_SENTENCES = 3;

    private static final int MAX_CONCISE_SENTENCES = 2;
    private static final int FACTS = 2;
    /** Said only when the organization left its fallback message blank. */
    private static final String NO_ANSWER = "I'm sorry, I can't answer that here.";
    /** A fallback message that already offers a person needs no second offer. */
    private static final Pattern OFFERS_A_PERSON = Pattern.compile(
            "\\b(connect|transfer|put you through|hand you over|(speak|talk|chat) (to|with))\\b",
            Pattern.CASE_INSENSITIVE);

    String reply(String message, Grounding grounding, List<Passage> passages) {
        Tone tone = Tone.of(grounding.tone());
        Intents intents = Intents.of(message);
        List<String> questionTerms = TextAnalysis.questionTerms(message);
        List<String> parts = new ArrayList<>();
        if (questionTerms.isEmpty() && !intents.wantsPerson() && social(intents, tone, grounding, parts)) {
            return tone.finish(String.join(" ", parts));
        }
        Optional<String> answer =
                intents.wantsPerson() ? Optional.empty() : answer(message, questionTerms, grounding, passages, tone);
        // A concise reply spends its sentences on the answer, not on a greeting.
        if (intents.greeting() && !tone.concise()) {
            parts.add(tone.greeting(intents.timeOfDay()));
        }
        if (answer.isPresent()) {
            parts.add(answer.get());
        } else {
            if (!intents.wantsPerson()) {
                parts.add(tone.dontKnow());
            }
            String fallback =
                    grounding.fallbackMessage().isBlank() ? NO_ANSWER : Quoter.asSentence(grounding.fallbackMessage());
            parts.add(fallback);
            if (!OFFERS_A_PERSON.matcher(fallback).find()) {
                parts.add(tone.offerPerson());
            }
        }
        return tone.finish(String.join(" ", parts));
    }

    private static Optional<String> answer(
            String message, List<String> questionTerms, Grounding grounding, List<Passage> passages, Tone tone) {
        if (questionTerms.isEmpty()) {
            return Optional.empty();
        }
        int sentences = tone.concise() ? MAX_CONCISE_SENTENCES : MAX_SENTENCES;
        Optional<String> quoted = new Quoter(passages).quote(message, questionTerms, sentences);
        if (quoted.isPresent()) {
            return quoted;
        }
        List<String> facts = new PassageIndex(ProfileFacts.of(grounding))
                .mostRelevant(questionTerms, TextAnalysis.requestedTopics(message), tone.concise() ? 1 : FACTS);
        return facts.isEmpty()
                ? Optional.empty()
                : Optional.of(
                        String.join(" ", facts.stream().map(Quoter::asSentence).toList()));
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
}
