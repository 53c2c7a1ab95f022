package io.parley.llm.builtin;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The social side of a customer's message: greetings, thanks, goodbyes and asking for a person. Recognised by a
 * handful of English patterns; anything else in the message is treated as a question.
 *
 * @param greeting true when the message opens with a greeting
 * @param timeOfDay "morning", "afternoon" or "evening" when the customer greeted with it, to greet back alike
 * @param thanks true when the customer thanks the assistant
 * @param goodbye true when the customer says goodbye
 * @param wantsPerson true when the customer asks to talk to a person rather than the assistant
 */
record Intents(boolean greeting, Optional<String> timeOfDay, boolean thanks, boolean goodbye, boolean wantsPerson) {

    private static final Pattern GREETING =
            Pattern.compile("^\\W*(?:hi|hello|hey|hiya|howdy|greetings|good (morning|afternoon|evening|day))\\b");
    private static final Pattern THANKS =
            Pattern.compile("\\b(?:thanks|thank you|thank u|thx|cheers|much appreciated)\\b");
    private static final Pattern GOODBYE =
            Pattern.compile("\\b(?:bye|goodbye|good bye|see you|see ya|have a (?:nice|good|great) (?:day|evening))\\b");
    private static final Pattern PERSON_WORDS = Pattern.compile(
            "\\b(?:humans?|representative|operator|real person|live person|live agent|real agent|someone real)\\b");
    private static final Pattern TALK_TO_PERSON =
            Pattern.compile("\\b(?:speak|talk|chat|connect|transfer|put me through)\\b[^.?!]*"
                    + "\\b(?:person|agent|someone|somebody|staff|manager|employee|team member)\\b");
    private static final Pattern JUST_PERSON = Pattern.compile("^\\W*(?:an? )?(?:agent|person|human)\\W*$");

    static Intents of(String message) {
        String text = message.toLowerCase(Locale.ROOT);
        Matcher greeting = GREETING.matcher(text);
        boolean greets = greeting.find();
        Optional<String> timeOfDay = greets ? Optional.ofNullable(greeting.group(1)) : Optional.empty();
        return new Intents(
                greets,
                timeOfDay.filter(part -> !part.equals("day")),
                THANKS.matcher(text).find(),
                GOODBYE.matcher(text).find(),
                PERSON_WORDS.matcher(text).find()
                        || TALK_TO_PERSON.matcher(text).find()
                        || JUST_PERSON.matcher(text).find());
    }
}
