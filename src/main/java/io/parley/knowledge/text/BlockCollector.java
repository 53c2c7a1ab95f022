package io.parley.knowledge.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Builds blocks from HTML-like markup events (start tag, text, end tag), whether they come from Tika's XHTML SAX
 * stream or a walk over a jsoup tree, so that PDF, Word and web pages get the same rules: h1..h6 become headings;
 * p, li, tr, pre, blockquote, dt, dd become one paragraph each, with everything nested inside them (a table cell's
 * paragraphs, a quoted paragraph) folded in rather than split off; text found directly inside containers (a bare
 * div) becomes a paragraph at the next block edge. Which elements are noise is the caller's decision: it simply does
 * not pass them on.
 *
 * <p>It also enforces the extraction limits while text arrives, so a document that unpacks to far more text than
 * allowed, or a parse that runs past its deadline, stops with an {@link ExtractionStopped} instead of filling memory.
 * Not thread-safe: one collector per document.
 */
final class BlockCollector {

    private enum Capture {
        HEADING,
        PARAGRAPH,
        ROW,
        PREFORMATTED
    }

    private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");
    private static final Set<String> PARAGRAPHS =
            Set.of("p", "blockquote", "dt", "dd", "figcaption", "caption", "address");
    private static final Set<String> CAPTURED = Set.of("li", "tr", "pre");
    private static final Set<String> LISTS = Set.of("ul", "ol", "menu");
    private static final Set<String> CONTAINERS = Set.of(
            "div", "section", "article", "main", "body", "table", "thead", "tbody", "tfoot", "dl", "hr", "header",
            "footer", "figure", "details", "summary", "center");

    private final int maxCharacters;
    private final long deadlineNanos;
    private final List<Block> blocks = new ArrayList<>();
    private final List<Integer> pages = new ArrayList<>();
    private final Deque<int[]> listCounters = new ArrayDeque<>();
    private final StringBuilder text = new StringBuilder();

    private Capture capture;
    private int captureDepth;
    private int headingLevel;
    private boolean rowHasCell;
    private int page;
    private long characters;
    private int events;

    BlockCollector(int maxCharacters, long deadlineNanos) {
        this.maxCharacters = maxCharacters;
        this.deadlineNanos = deadlineNanos;
    }

    /** Blocks from here on belong to the next page (PDF), for telling running headers and footers apart. */
    void newPage() {
        edge();
        page++;
    }

    void start(String tag) {
        checkDeadline();
        String name = tag.toLowerCase(Locale.ROOT);
        if (HEADINGS.contains(name)) {
            open(Capture.HEADING, name.charAt(1) - '0', "");
        } else if (PARAGRAPHS.contains(name)) {
            open(Capture.PARAGRAPH, 0, "");
        } else if (name.equals("li")) {
            open(Capture.PARAGRAPH, 0, nextListMarker());
        } else if (name.equals("tr")) {
            open(Capture.ROW, 0, "");
        } else if (name.equals("pre")) {
            open(Capture.PREFORMATTED, 0, "");
        } else if (name.equals("td") || name.equals("th")) {
            cell();
        } else if (name.equals("br")) {
            append("\n");
        } else if (LISTS.contains(name)) {
            listCounters.push(new int[] {name.equals("ol") ? 1 : 0});
            edge();
        } else if (CONTAINERS.contains(name)) {
            edge();
        }
        // anything else is inline markup (a, b, span, ...) and carries no structure
    }

    void end(String tag) {
        String name = tag.toLowerCase(Locale.ROOT);
        if (HEADINGS.contains(name) || PARAGRAPHS.contains(name) || CAPTURED.contains(name)) {
            close();
        } else if (LISTS.contains(name)) {
            listCounters.poll();
            edge();
        } else if (CONTAINERS.contains(name)) {
            edge();
        }
    }

    void text(CharSequence chars) {
        if (capture == Capture.PREFORMATTED) {
            append(chars);
            return;
        }
        StringBuilder collapsed = new StringBuilder(chars.length());
        boolean space = text.isEmpty() || Character.isWhitespace(text.charAt(text.length() - 1));
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                if (!space) {
                    collapsed.append(' ');
                    space = true;
                }
            } else if (!isInvisible(c)) {
                collapsed.append(c);
                space = false;
            }
        }
        append(collapsed);
    }

    /** The blocks so far, after closing whatever is still open. */
    List<Block> blocks() {
        captureDepth = 0;
        emit();
        return List.copyOf(blocks);
    }

    /** The page (0-based) each block of {@link #blocks()} started on; all 0 for formats without pages. */
    List<Integer> pages() {
        return List.copyOf(pages);
    }

    private void open(Capture kind, int level, String marker) {
        if (captureDepth > 0) {
            captureDepth++;
            trimTrailingSpaces();
            if (!text.isEmpty()) {
                append(capture == Capture.ROW || capture == Capture.HEADING ? " " : "\n");
            }
            append(marker);
            return;
        }
        edge();
        capture = kind;
        captureDepth = 1;
        headingLevel = level;
        rowHasCell = false;
        append(marker);
    }

    private void close() {
        if (captureDepth == 0) {
            return;
        }
        if (--captureDepth == 0) {
            emit();
        }
    }

    private void cell() {
        if (capture != Capture.ROW) {
            edge();
            return;
        }
        if (rowHasCell) {
            trimTrailingSpaces();
            append(" | ");
        }
        rowHasCell = true;
    }

    /** Also on tags, so that markup without text (a million empty paragraphs) cannot outrun the deadline. */
    private void checkDeadline() {
        if ((++events & 0xFF) == 0 && System.nanoTime() - deadlineNanos > 0) {
            throw ExtractionStopped.tooSlow();
        }
    }

    private void trimTrailingSpaces() {
        while (!text.isEmpty() && text.charAt(text.length() - 1) == ' ') {
            text.setLength(text.length() - 1);
        }
    }

    /** A block-level edge outside any captured block: loose text so far is a paragraph of its own. */
    private void edge() {
        if (captureDepth == 0) {
            emit();
        }
    }

    private void emit() {
        String value = tidy(text);
        text.setLength(0);
        Capture kind = capture;
        capture = null;
        if (value.isEmpty() || value.equals("-") || value.matches("\\d+\\.")) {
            return;
        }
        blocks.add(
                kind == Capture.HEADING
                        ? new Block.Heading(headingLevel, value.replace('\n', ' '))
                        : new Block.Paragraph(value));
        pages.add(page);
    }

    private String nextListMarker() {
        int[] counter = listCounters.peek();
        if (counter == null || counter[0] == 0) {
            return "- ";
        }
        return counter[0]++ + ". ";
    }

    private void append(CharSequence chars) {
        characters += chars.length();
        if (characters > maxCharacters) {
            throw ExtractionStopped.tooMuchText(maxCharacters);
        }
        checkDeadline();
        text.append(chars);
    }

    /** Trims every line and drops empty ones: blank lines separate blocks, so none may appear inside one. */
    static String tidy(CharSequence raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (String line : raw.toString().split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty()) {
                if (!out.isEmpty()) {
                    out.append('\n');
                }
                out.append(trimmed);
            }
        }
        return out.toString();
    }

    private static boolean isInvisible(char c) {
        return c == '\u200B'
                || c == '\u200C'
                || c == '\u200D'
                || c == '\uFEFF'
                || c == '\u00AD'
                || Character.isISOControl(c);
    }
}
