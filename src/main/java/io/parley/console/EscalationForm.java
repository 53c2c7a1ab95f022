package io.parley.console;

import io.parley.handoff.EscalationSettings;
import io.parley.handoff.InvalidSettingsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The escalation form as the browser sends it: a checkbox, two numbers, keywords one per line, languages as checked
 * boxes. Says per input what is wrong, in the words of {@link EscalationSettings}.
 */
record EscalationForm(
        String askForPerson, String negativeTurns, String fallbackTurns, String keywords, List<String> languages) {

    EscalationForm {
        askForPerson = askForPerson == null ? "" : askForPerson;
        negativeTurns = negativeTurns == null ? "" : negativeTurns.strip();
        fallbackTurns = fallbackTurns == null ? "" : fallbackTurns.strip();
        keywords = keywords == null ? "" : keywords;
        languages = languages == null ? List.of() : List.copyOf(languages);
    }

    static EscalationForm of(EscalationSettings settings) {
        return new EscalationForm(
                settings.askForPerson() ? "true" : "",
                String.valueOf(settings.negativeTurns()),
                String.valueOf(settings.fallbackTurns()),
                String.join("\n", settings.keywords()),
                settings.languages());
    }

    /** Public for the template. */
    public boolean asks() {
        return "true".equals(askForPerson);
    }

    public boolean serves(String language) {
        return languages.contains(language);
    }

    /** The outcome of reading the form: settings to save, or what is wrong by input id. */
    record Result(EscalationSettings settings, Map<String, String> errors) {}

    Result read() {
        Map<String, String> errors = new LinkedHashMap<>();
        Integer negative = number("negativeTurns", negativeTurns, errors);
        Integer fallback = number("fallbackTurns", fallbackTurns, errors);
        List<String> lines = ProfileForm.lines(keywords);
        try {
            EscalationSettings settings = new EscalationSettings(
                    asks(), negative == null ? 0 : negative, fallback == null ? 0 : fallback, lines, languages);
            return errors.isEmpty() ? new Result(settings, Map.of()) : new Result(null, errors);
        } catch (InvalidSettingsException e) {
            for (InvalidSettingsException.Problem problem : e.problems()) {
                String field = problem.field();
                if (field.startsWith("keywords[")) {
                    int line = Integer.parseInt(field.substring(9, field.length() - 1)) + 1;
                    errors.putIfAbsent("keywords", "Keyword " + line + ": " + problem.message());
                } else if (field.startsWith("languages")) {
                    errors.putIfAbsent("languages", problem.message());
                } else {
                    errors.putIfAbsent(field, problem.message());
                }
            }
            return new Result(null, errors);
        }
    }

    private static Integer number(String field, String text, Map<String, String> errors) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 0 && value <= EscalationSettings.MAX_TURNS) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.put(field, "Enter a whole number from 0 (off) to " + EscalationSettings.MAX_TURNS + ".");
        return null;
    }
}
