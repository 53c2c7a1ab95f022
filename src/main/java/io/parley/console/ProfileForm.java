package io.parley.console;

import io.parley.tenant.BusinessProfile;
import io.parley.tenant.ProfileLimits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The profile form as the browser sends it: lists are one item per line. Checks the same limits as the admin API
 * ({@link ProfileLimits}) and says, per field, what is wrong in words a member understands.
 */
record ProfileForm(
        String businessName,
        String description,
        String rules,
        String guidelines,
        String values,
        String tone,
        String fallbackMessage) {

    ProfileForm {
        businessName = businessName == null ? "" : businessName;
        description = description == null ? "" : description;
        rules = rules == null ? "" : rules;
        guidelines = guidelines == null ? "" : guidelines;
        values = values == null ? "" : values;
        tone = tone == null ? "" : tone;
        fallbackMessage = fallbackMessage == null ? "" : fallbackMessage;
    }

    static ProfileForm of(BusinessProfile profile) {
        return new ProfileForm(
                profile.businessName(),
                profile.description(),
                String.join("\n", profile.rules()),
                String.join("\n", profile.guidelines()),
                String.join("\n", profile.values()),
                profile.tone(),
                profile.fallbackMessage());
    }

    /** What is wrong, by field name; empty when the form can be saved. */
    Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        if (businessName.isBlank()) {
            problems.put("businessName", "Enter the name customers know you by.");
        } else {
            tooLong(problems, "businessName", businessName.strip(), ProfileLimits.NAME);
        }
        tooLong(problems, "description", description.strip(), ProfileLimits.DESCRIPTION);
        list(problems, "rules", "rule", rules);
        list(problems, "guidelines", "guideline", guidelines);
        list(problems, "values", "value", values);
        tooLong(problems, "tone", tone.strip(), ProfileLimits.TONE);
        tooLong(problems, "fallbackMessage", fallbackMessage.strip(), ProfileLimits.FALLBACK);
        return problems;
    }

    /** The profile to save or preview; the business name must not be blank. */
    BusinessProfile toProfile() {
        return new BusinessProfile(
                businessName, description, lines(rules), lines(guidelines), lines(values), tone, fallbackMessage);
    }

    /** The non-blank lines of a textarea, stripped. */
    static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private static void tooLong(Map<String, String> problems, String field, String text, int limit) {
        if (text.length() > limit) {
            problems.put(field, "This is " + text.length() + " characters long; it can have at most " + limit + ".");
        }
    }

    private static void list(Map<String, String> problems, String field, String item, String text) {
        List<String> items = lines(text);
        if (items.size() > ProfileLimits.ITEMS) {
            problems.put(
                    field,
                    "There are " + items.size() + " " + item + "s; there can be at most " + ProfileLimits.ITEMS + ".");
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            int length = items.get(i).length();
            if (length > ProfileLimits.ITEM) {
                problems.put(
                        field,
                        capitalized(item) + " " + (i + 1) + " is " + length + " characters long; each " + item
                                + " can have at most " + ProfileLimits.ITEM + ".");
                return;
            }
        }
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
