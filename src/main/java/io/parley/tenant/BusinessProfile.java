package io.parley.tenant;

import java.util.List;
import java.util.Objects;

/**
 * What a business tells Parley about itself and how its assistant must behave. Text is stripped and blank list
 * entries dropped; limits are checked where requests arrive ({@link ProfileLimits}).
 *
 * @param businessName the name customers know the business by
 * @param description what the business is and does
 * @param rules what the assistant must and must not do; they override everything else
 * @param guidelines how to handle common situations
 * @param values what the business stands for
 * @param tone how the assistant should sound
 * @param fallbackMessage what the assistant says when it cannot help
 */
public record BusinessProfile(
        String businessName,
        String description,
        List<String> rules,
        List<String> guidelines,
        List<String> values,
        String tone,
        String fallbackMessage) {

    public static final String DEFAULT_TONE = "Friendly, clear and professional";
    public static final String DEFAULT_FALLBACK =
            "I'm sorry, I can't help with that here. Would you like me to connect you with a member of our team?";

    public BusinessProfile {
        // NUL has no place in text, and PostgreSQL refuses it in a text column.
        businessName =
                withoutNul(Objects.requireNonNull(businessName, "businessName")).strip();
        description = withoutNul(description);
        tone = withoutNul(tone);
        fallbackMessage = withoutNul(fallbackMessage);
        if (businessName.isEmpty()) {
            throw new IllegalArgumentException("businessName must not be blank");
        }
        description = description == null ? "" : description.strip();
        rules = clean(rules);
        guidelines = clean(guidelines);
        values = clean(values);
        tone = tone == null || tone.isBlank() ? DEFAULT_TONE : tone.strip();
        fallbackMessage =
                fallbackMessage == null || fallbackMessage.isBlank() ? DEFAULT_FALLBACK : fallbackMessage.strip();
    }

    /** The profile a new organization starts with: its name and sensible defaults. */
    public static BusinessProfile startingPoint(String businessName) {
        return new BusinessProfile(businessName, "", List.of(), List.of(), List.of(), DEFAULT_TONE, DEFAULT_FALLBACK);
    }

    private static String withoutNul(String text) {
        return text == null ? null : text.replace("\u0000", "");
    }

    private static List<String> clean(List<String> items) {
        return items == null
                ? List.of()
                : items.stream()
                        .filter(Objects::nonNull)
                        .map(item -> withoutNul(item).strip())
                        .filter(item -> !item.isEmpty())
                        .toList();
    }
}
