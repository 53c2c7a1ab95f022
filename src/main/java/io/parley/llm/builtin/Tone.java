package io.parley.llm.builtin;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the built-in engine sounds, read loosely from the organization's own description of its tone.
 *
 * @param formal "formal" was asked for: no exclamation marks, "Good day"
 * @param friendly "friendly", "warm", "casual" or "cheerful" was asked for: "Hi there!"
 * @param concise "concise", "brief", "short" or "succinct" was asked for: one quoted sentence, no extras
 */
record Tone(boolean formal, boolean friendly, boolean concise) {

    // \b keeps "informal" from counting as formal.
    private static final Pattern FORMAL = Pattern.compile("\\bformal\\b");
    private static final Pattern FRIENDLY = Pattern.compile("\\b(?:friendly|warm|casual|informal|cheerful)\\b");
    private static final Pattern CONCISE = Pattern.compile("\\b(?:concise|brief|short|succinct|to the point)\\b");

    static Tone of(String description) {
        String text = description.toLowerCase(Locale.ROOT);
        return new Tone(
                FORMAL.matcher(text).find(),
                FRIENDLY.matcher(text).find(),
                CONCISE.matcher(text).find());
    }

    String greeting(Optional<String> timeOfDay) {
        if (timeOfDay.isPresent()) {
            return "Good " + timeOfDay.get() + "!";
        }
        if (formal) {
            return "Good day.";
        }
        return friendly ? "Hi there!" : "Hello!";
    }

    String welcome(String businessName) {
        if (concise) {
            return "How can I help?";
        }
        return formal
                ? "Welcome to " + businessName + ". How may I help you?"
                : "Welcome to " + businessName + ". How can I help you today?";
    }

    String youAreWelcome() {
        if (formal) {
            return concise ? "You are welcome." : "You are welcome. Is there anything else I can help you with?";
        }
        return concise ? "You're welcome!" : "You're welcome! Is there anything else I can help with?";
    }

    String goodbye(String businessName) {
        return formal
                ? "Thank you for contacting " + businessName + ". Goodbye."
                : "Thanks for contacting " + businessName + ". Goodbye!";
    }

    /** Said plainly, before the fallback message, when nothing the business wrote answers the question. */
    String dontKnow() {
        return formal ? "I do not have information about that." : "I don't have information about that.";
    }

    String offerPerson() {
        return "Would you like me to connect you with a person from our team?";
    }

    /** The last touch on a whole reply, quoted sentences included: formal replies do not exclaim. */
    String finish(String reply) {
        return formal ? reply.replace('!', '.') : reply;
    }
}
