package io.parley.llm.builtin;

import io.parley.llm.Grounding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The sentences of an organization's profile that state facts a customer may be told: its rules and description
 * sentences, less those written as instructions to the assistant ("Never promise discounts…", "If an order is
 * late, apologise…"). Guidelines and values are never among them: they tell the assistant how to behave, and
 * quoting them to a customer reads as the business's internal notes, even when a guideline happens to hold a fact.
 */
final class ProfileFacts {

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[\\p{Lu}\\p{N}\"'(])");
    /** An opening condition ("If an order is late, …", "For sizing questions, …") before the main clause. */
    private static final Pattern LEADING_CONDITION =
            Pattern.compile("^(?:if|when|whenever|for|unless|once|after|before|where)\\b[^,;:]*[,;:]\\s*");
    /** Words an instruction to the assistant opens with: an imperative, or an adverb before one. */
    private static final Set<String> INSTRUCTION_OPENERS = Vocabulary.words(
            """
            never always dont do avoid apologise apologize offer point ask tell refer be use keep make remember say
            mention respond reply answer suggest recommend direct escalate explain encourage check confirm verify
            help greet thank try stay speak please refuse decline provide give send connect transfer hand treat
            acknowledge inform let show reassure invite emphasise emphasize prioritise prioritize promise
            """);
    /** Naming the assistant or its conversation partner in the third person marks a note to the assistant. */
    private static final Pattern ABOUT_THE_ASSISTANT =
            Pattern.compile("\\b(?:the assistant|the bot|the ai|the agent|you must|you should)\\b");

    private ProfileFacts() {}

    /** The profile's facts, rules first, then description sentences, in the organization's order. */
    static List<String> of(Grounding grounding) {
        List<String> candidates = new ArrayList<>();
        grounding.rules().forEach(rule -> candidates.addAll(sentences(rule)));
        candidates.addAll(sentences(grounding.description()));
        return candidates.stream()
                .map(String::strip)
                .filter(text -> !text.isEmpty() && !isInstruction(text))
                .toList();
    }

    /**
     * Whether a sentence tells the assistant what to do rather than stating something about the business: it opens
     * with an imperative (after an optional condition), or speaks of "the assistant" or what "you must" do.
     */
    static boolean isInstruction(String sentence) {
        String lower = sentence.toLowerCase(Locale.ROOT)
                .replace("'", "")
                .replace("\u2019", "")
                .strip();
        if (ABOUT_THE_ASSISTANT.matcher(lower).find()) {
            return true;
        }
        String mainClause = LEADING_CONDITION.matcher(lower).replaceFirst("");
        String[] words = mainClause.replaceFirst("^[^\\p{L}]+", "").split("[^\\p{L}]+");
        if (words[0].equals("only") && words.length > 1) {
            // "Only answer questions about…" instructs; "Only unused items can be returned" states a fact.
            return INSTRUCTION_OPENERS.contains(words[1]);
        }
        return INSTRUCTION_OPENERS.contains(words[0]);
    }

    private static List<String> sentences(String text) {
        return List.of(SENTENCE_END.split(text.strip()));
    }
}
