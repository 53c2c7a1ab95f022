package io.parley.handoff;

import io.parley.handoff.InvalidSettingsException.Problem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which triggers hand a conversation to the organization's people.
 *
 * @param askForPerson the customer asking for a person (or accepting the assistant's offer of one) hands over
 * @param negativeTurns this many negative customer messages in a row hand over; 0 turns it off; at most {@value
 *     #MAX_TURNS}
 * @param fallbackTurns this many replies in a row where the assistant could not answer hand over; 0 turns it off; at
 *     most {@value #MAX_TURNS}
 * @param keywords words or phrases that hand over when a customer mentions them (case and accents ignored, whole
 *     words; a trailing {@code *} matches any ending: {@code refund*}); stripped, at most {@value #MAX_KEYWORDS}, each
 *     at most {@value #MAX_KEYWORD_LENGTH} characters; repeats are dropped
 * @param languages ISO 639-1 codes of the languages the business serves, among {@link PersonRequests#LANGUAGES};
 *     English is always understood; lower-cased, repeats dropped
 */
public record EscalationSettings(
        boolean askForPerson, int negativeTurns, int fallbackTurns, List<String> keywords, List<String> languages) {

    public static final int MAX_TURNS = 20;
    public static final int MAX_KEYWORDS = 50;
    public static final int MAX_KEYWORD_LENGTH = 100;

    private static final List<String> DEFAULT_LANGUAGES = List.of("en");

    /** What an organization gets until it changes anything. */
    public static final EscalationSettings DEFAULT = new EscalationSettings(true, 3, 2, List.of(), List.of("en"));

    public EscalationSettings {
        List<Problem> problems = new ArrayList<>();
        if (negativeTurns < 0 || negativeTurns > MAX_TURNS) {
            problems.add(new Problem("negativeTurns", turns(negativeTurns)));
        }
        if (fallbackTurns < 0 || fallbackTurns > MAX_TURNS) {
            problems.add(new Problem("fallbackTurns", turns(fallbackTurns)));
        }
        keywords = keywords(keywords == null ? List.of() : keywords, problems);
        languages = languages(languages == null ? DEFAULT_LANGUAGES : languages, problems);
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }

    private static String turns(int value) {
        return "%d is not between 0 (off) and %d.".formatted(value, MAX_TURNS);
    }

    private static List<String> keywords(List<String> given, List<Problem> problems) {
        if (given.size() > MAX_KEYWORDS) {
            problems.add(new Problem(
                    "keywords",
                    "There are %d keywords; there can be at most %d.".formatted(given.size(), MAX_KEYWORDS)));
            return List.of();
        }
        List<String> kept = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String field = "keywords[" + i + "]";
            String keyword = given.get(i) == null ? "" : given.get(i).strip();
            String problem = KeywordTrigger.problemWith(keyword);
            if (problem != null) {
                problems.add(new Problem(field, problem));
            } else if (seen.add(KeywordTrigger.key(keyword))) {
                kept.add(keyword);
            }
        }
        return List.copyOf(kept);
    }

    private static List<String> languages(List<String> given, List<Problem> problems) {
        Set<String> kept = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String code = given.get(i) == null ? "" : given.get(i).strip().toLowerCase(Locale.ROOT);
            if (PersonRequests.supports(code)) {
                kept.add(code);
            } else {
                problems.add(new Problem(
                        "languages[" + i + "]",
                        "'%s' is not a language Parley recognises requests for a person in. Choose from: %s."
                                .formatted(
                                        code.length() > 20 ? code.substring(0, 20) + "…" : code,
                                        String.join(", ", PersonRequests.LANGUAGES))));
            }
        }
        return List.copyOf(kept);
    }
}
