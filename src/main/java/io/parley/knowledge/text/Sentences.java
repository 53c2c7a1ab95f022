package io.parley.knowledge.text;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into sentences, the smallest unit a chunk may cut at. Uses the JDK's rule-based sentence breaks: they
 * know that "e.g. the" and "3.5 days" go on and that a line break ends a list line, and they need no model.
 * Not thread-safe (a {@link BreakIterator} is stateful); make one per use.
 */
final class Sentences {

    private final BreakIterator breaks = BreakIterator.getSentenceInstance(Locale.ROOT);

    /** The sentences of {@code text}, trimmed, none empty; text with no break is one sentence. */
    List<String> split(String text) {
        breaks.setText(text);
        List<String> sentences = new ArrayList<>();
        int start = breaks.first();
        for (int end = breaks.next(); end != BreakIterator.DONE; start = end, end = breaks.next()) {
            String sentence = text.substring(start, end).strip();
            if (!sentence.isEmpty()) {
                sentences.add(sentence);
            }
        }
        return sentences;
    }
}
