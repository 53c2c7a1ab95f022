package io.parley.knowledge.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Recovers what a PDF's text layer loses. Most PDFs are not tagged, so Tika sees only paragraphs: no headings, and the
 * running header, footer and page number of every page as paragraphs of their own, which would repeat in every chunk
 * and skew search. This class drops lines that repeat on most pages, and guesses headings from how they read: a short
 * line without closing punctuation, followed by body text. The guess only runs when the PDF has no real headings
 * (tagged PDFs give Tika h1..h6), and it errs towards paragraphs: a missed heading costs a section name, a false one
 * splits a passage.
 */
final class PdfLayout {

    private static final Pattern PAGE_NUMBER = Pattern.compile(
            "(?i)^(page|p\\.|seite|página|pagina)?\\s*[-–]?\\s*\\d{1,4}\\s*((of|/|de|von|sur)\\s*\\d{1,4})?\\s*[-–]?$");
    private static final Pattern NUMBERING = Pattern.compile("^(\\d{1,2}(?:\\.\\d{1,2}){0,4})\\.?\\s+\\S.*");
    private static final int MAX_HEADING_LENGTH = 80;
    private static final int MAX_HEADING_WORDS = 12;

    private PdfLayout() {}

    /**
     * @param blocks the PDF's blocks in reading order
     * @param pages the page of each block
     * @param title the PDF's metadata title; a first line equal to it becomes the level-1 heading
     */
    static List<Block> tidy(List<Block> blocks, List<Integer> pages, @Nullable String title) {
        List<Block> body = withoutRunningLines(blocks, pages);
        boolean tagged = body.stream().anyMatch(block -> block instanceof Block.Heading);
        return tagged ? body : withGuessedHeadings(body, title);
    }

    /**
     * Running headers and footers repeat word for word on most pages. A footer may carry the page number ("ACME
     * handbook · 7"), so the last line of each page is also compared with its digits blanked out; other lines are not,
     * or "Chapter 1", "Chapter 2" at the top of their pages would go too.
     */
    private static List<Block> withoutRunningLines(List<Block> blocks, List<Integer> pages) {
        int pageCount = pages.isEmpty() ? 0 : pages.getLast() + 1;
        if (pageCount < 3) {
            return blocks.stream()
                    .filter(block -> !PAGE_NUMBER.matcher(block.text()).matches())
                    .toList();
        }
        Map<String, Set<Integer>> pagesByLine = new HashMap<>();
        for (int i = 0; i < blocks.size(); i++) {
            for (String key : keys(blocks, pages, i)) {
                pagesByLine.computeIfAbsent(key, k -> new HashSet<>()).add(pages.get(i));
            }
        }
        int repeatedOn = Math.max(3, (pageCount + 1) / 2);
        List<Block> kept = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            boolean running = keys(blocks, pages, i).stream()
                    .anyMatch(key -> pagesByLine.get(key).size() >= repeatedOn);
            if (!running && !PAGE_NUMBER.matcher(blocks.get(i).text()).matches()) {
                kept.add(blocks.get(i));
            }
        }
        return kept;
    }

    private static List<String> keys(List<Block> blocks, List<Integer> pages, int i) {
        String text = blocks.get(i).text();
        if (text.length() > 120) {
            return List.of();
        }
        String exact = "=" + text.toLowerCase(Locale.ROOT);
        boolean lastOnPage = i + 1 == blocks.size() || !pages.get(i + 1).equals(pages.get(i));
        return lastOnPage ? List.of(exact, "#" + exact.replaceAll("\\d+", "#")) : List.of(exact);
    }

    private static List<Block> withGuessedHeadings(List<Block> blocks, @Nullable String title) {
        List<Block> result = new ArrayList<>(blocks.size());
        boolean titled = false;
        for (int i = 0; i < blocks.size(); i++) {
            String text = blocks.get(i).text();
            Block next = i + 1 < blocks.size() ? blocks.get(i + 1) : null;
            if (i == 0 && next != null && opensDocument(text, title)) {
                result.add(new Block.Heading(1, text));
                titled = true;
            } else if (readsLikeHeading(text) && next != null && readsLikeBody(next.text())) {
                result.add(new Block.Heading(level(text, titled), text));
            } else {
                result.add(blocks.get(i));
            }
        }
        return result;
    }

    /** The first line is the document's title when the metadata says so, or, without metadata, when it reads so. */
    private static boolean opensDocument(String text, @Nullable String title) {
        return title == null ? readsLikeHeading(text) : text.equalsIgnoreCase(title.strip());
    }

    static boolean readsLikeHeading(String text) {
        if (text.length() > MAX_HEADING_LENGTH
                || text.indexOf('\n') >= 0
                || text.split("\\s+").length > MAX_HEADING_WORDS) {
            return false;
        }
        char last = text.charAt(text.length() - 1);
        if (".,;:!".indexOf(last) >= 0 || text.startsWith("- ") || text.startsWith("•")) {
            return false;
        }
        String words = NUMBERING.matcher(text).matches() ? text.replaceFirst("^[\\d.]+\\s+", "") : text;
        return !words.isEmpty() && Character.isUpperCase(words.codePointAt(0));
    }

    /** Body text: a sentence, or something too long to be a heading. Several short lines in a row are a list. */
    private static boolean readsLikeBody(String text) {
        return !readsLikeHeading(text) && (text.length() > MAX_HEADING_LENGTH || text.matches("(?s).*[.!?:;)]$"));
    }

    /** Numbered headings nest by their numbers (2.1 under 2); others sit just below the title, if there is one. */
    private static int level(String text, boolean titled) {
        var numbering = NUMBERING.matcher(text);
        int depth = numbering.matches() ? numbering.group(1).split("\\.").length : 1;
        return Math.min(6, depth + (titled ? 1 : 0));
    }
}
