package io.parley.llm.builtin;

import io.parley.llm.builtin.MarkdownSentences.Sentence;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers a customer gives ("a 39 inch chest", "a size 10 shoe") matched against the rows of a size table, where a
 * word match alone cannot tell one row from the next.
 */
final class TableNumbers {

    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    /** "38–40", "3 to 5"; not a piece of "1-800-555-0142". */
    private static final Pattern RANGE =
            Pattern.compile("(?<![\\d.–-])(\\d+(?:\\.\\d+)?)\\s*(?:–|-|to)\\s*(\\d+(?:\\.\\d+)?)(?![\\d–-])");

    private TableNumbers() {}

    /** The numbers in the question, in order. */
    static List<Double> in(String question) {
        List<Double> numbers = new ArrayList<>();
        Matcher matcher = NUMBER.matcher(question);
        while (matcher.find()) {
            numbers.add(Double.parseDouble(matcher.group()));
        }
        return numbers;
    }

    /**
     * The sentence's terms less the numbers that only bound a range ("38–40"), which say nothing on their own:
     * asked "39 inch chest", a row with "Hips: 38–39" is no better a match than one with "Chest: 38–40".
     */
    static List<String> withoutRangeEnds(String text, List<String> terms) {
        Set<String> ends = new HashSet<>();
        Matcher range = RANGE.matcher(text);
        if (!range.find()) {
            return terms;
        }
        range.reset();
        while (range.find()) {
            ends.add(range.group(1).replace(".", "point"));
            ends.add(range.group(2).replace(".", "point"));
        }
        String outsideRanges = RANGE.matcher(text).replaceAll(" ");
        ends.removeAll(TextAnalysis.terms(outsideRanges));
        return terms.stream().filter(term -> !ends.contains(term)).toList();
    }

    /**
     * Whether a table row holds a number of the question: as a cell's whole value ("US men's: 10" for "a size 10
     * shoe"), or in a range in a column the question names ("Chest (in): 38–40" for "a 39 inch chest"). Prose is left
     * alone: its ranges are of days, weeks and dollars as often as of sizes, and "after 3 months" has nothing to do
     * with "2 to 3 weeks".
     */
    static boolean held(Sentence sentence, List<Double> numbers, Set<String> asked) {
        if (numbers.isEmpty() || !sentence.tableRow()) {
            return false;
        }
        for (String cell : sentence.text().split("; ")) {
            int colon = cell.indexOf(": ");
            String value = cell.substring(colon + 1).strip();
            if (NUMBER.matcher(value).matches() && numbers.contains(Double.parseDouble(value))) {
                return true;
            }
            boolean named = colon > 0
                    && TextAnalysis.terms(cell.substring(0, colon)).stream().anyMatch(asked::contains);
            Matcher range = RANGE.matcher(cell);
            while (named && range.find()) {
                double low = Double.parseDouble(range.group(1));
                double high = Double.parseDouble(range.group(2));
                if (low < high && numbers.stream().anyMatch(n -> n >= low && n <= high)) {
                    return true;
                }
            }
        }
        return false;
    }
}
