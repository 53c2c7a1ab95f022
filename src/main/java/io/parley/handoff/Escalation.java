package io.parley.handoff;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Why a conversation goes to the organization's people, with a detail where one helps (the keyword mentioned, how
 * many messages in a row).
 *
 * @param detail the keyword for {@link Reason#KEYWORD}, the count for {@link Reason#NEGATIVE_SENTIMENT} and {@link
 *     Reason#REPEATED_FALLBACK}, the model's stated reason (if any) for {@link Reason#MODEL_REQUESTED}; else null
 */
public record Escalation(Reason reason, @Nullable String detail) {

    public Escalation {
        Objects.requireNonNull(reason, "reason");
        if (detail != null && detail.isBlank()) {
            detail = null;
        }
    }

    public static Escalation of(Reason reason) {
        return new Escalation(reason, null);
    }

    /** What triggered the handoff. */
    public enum Reason {
        /** The customer asked for a person. */
        CUSTOMER_ASKED,
        /** The customer said yes to the assistant's offer of a person. */
        ACCEPTED_OFFER,
        /** Several negative customer messages in a row. */
        NEGATIVE_SENTIMENT,
        /** The assistant could not answer several times in a row. */
        REPEATED_FALLBACK,
        /** The customer mentioned one of the organization's keywords. */
        KEYWORD,
        /** The model called {@code transfer_to_human}: set by the engine, never by {@link EscalationRules}. */
        MODEL_REQUESTED;

        /** The name on the wire and in storage: {@code customer_asked}, {@code negative_sentiment}, … */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Reason> fromWireName(String name) {
            return Arrays.stream(values())
                    .filter(r -> r.wireName().equals(name))
                    .findFirst();
        }
    }

    /** An English sentence for the team's inbox: "The customer asked for a person." */
    public String sentence() {
        return switch (reason) {
            case CUSTOMER_ASKED -> "The customer asked for a person.";
            case ACCEPTED_OFFER -> "The customer accepted the assistant's offer of a person.";
            case NEGATIVE_SENTIMENT -> "%s negative messages in a row.".formatted(capitalized(count("Several")));
            case REPEATED_FALLBACK -> "The assistant could not answer %s in a row.".formatted(times());
            case KEYWORD -> "The customer mentioned “%s”.".formatted(detail);
            case MODEL_REQUESTED ->
                detail == null
                        ? "The assistant handed the conversation over."
                        : "The assistant handed the conversation over: %s".formatted(withStop(detail));
        };
    }

    private static final String[] NUMBERS = {
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty"
    };

    private String count(String otherwise) {
        try {
            int n = Integer.parseInt(Objects.requireNonNullElse(detail, ""));
            return n >= 0 && n < NUMBERS.length ? NUMBERS[n] : String.valueOf(n);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private String times() {
        String n = count("several");
        return switch (n) {
            case "one" -> "once";
            case "two" -> "twice";
            case "several" -> "several times";
            default -> n + " times";
        };
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static String withStop(String text) {
        String t = text.strip();
        return t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".";
    }
}
