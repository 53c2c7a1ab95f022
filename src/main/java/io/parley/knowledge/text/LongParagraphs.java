package io.parley.knowledge.text;

import io.parley.llm.Tokens;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a paragraph too long for one passage into runs of whole sentences. The runs are evened out (a 400-token
 * paragraph with a 250-token target gives two runs of about 200, not 250 and 150) so that no passage is a stub. Only a
 * single sentence longer than the target itself (a table flattened into one line, a list without full stops) is cut
 * inside, at the space nearest its middle, again and again until each piece fits.
 */
final class LongParagraphs {

    private LongParagraphs() {}

    /** Pieces of {@code paragraph} of at most {@code targetTokens} each, in order, which joined by spaces give it back. */
    static List<String> split(String paragraph, Sentences sentences, int targetTokens) {
        List<String> parts = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        int total = 0;
        for (String sentence : sentences.split(paragraph)) {
            for (String part : fit(sentence, targetTokens)) {
                int size = Tokens.count(part);
                parts.add(part);
                sizes.add(size);
                total += size;
            }
        }
        int runs = Math.max(1, (total + targetTokens - 1) / targetTokens);
        int aim = Math.min(targetTokens, total / runs + total / (runs * 10) + 1);
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        int used = 0;
        for (int i = 0; i < parts.size(); i++) {
            if (!piece.isEmpty() && used + 1 + sizes.get(i) > aim) {
                pieces.add(piece.toString());
                piece.setLength(0);
                used = 0;
            }
            if (!piece.isEmpty()) {
                piece.append(' ');
                used++;
            }
            piece.append(parts.get(i));
            used += sizes.get(i);
        }
        if (!piece.isEmpty()) {
            pieces.add(piece.toString());
        }
        return pieces;
    }

    /** {@code text} as it is when it fits, else halved at the space nearest its middle until every half fits. */
    private static List<String> fit(String text, int limit) {
        if (text.length() < 2 || Tokens.count(text) <= limit) {
            return List.of(text);
        }
        int cut = nearestSpace(text, text.length() / 2);
        if (Character.isLowSurrogate(text.charAt(cut))) {
            cut++;
        }
        List<String> halves = new ArrayList<>(fit(text.substring(0, cut).strip(), limit));
        halves.addAll(fit(text.substring(cut).strip(), limit));
        halves.removeIf(String::isEmpty);
        return halves;
    }

    private static int nearestSpace(String text, int middle) {
        for (int d = 0; d < middle; d++) {
            if (Character.isWhitespace(text.charAt(middle - d))) {
                return middle - d;
            }
            if (middle + d < text.length() && Character.isWhitespace(text.charAt(middle + d))) {
                return middle + d;
            }
        }
        return middle;
    }
}
