package io.parley.llm.builtin;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a passage of a knowledge base, usually Markdown, into the sentences the built-in engine may quote, with its
 * markup dropped and its wording kept. Headings are not quoted but say what the sentences under them are about; a
 * list item is a sentence of its own even without a full stop; a table row becomes one sentence that names each
 * cell by its column ("Size: M; Chest (in): 38–40"). Code blocks are left out.
 */
final class MarkdownSentences {

    /**
     * One quotable sentence.
     *
     * @param block the paragraph, list item or table row it belongs to, counted from 0 within the passage
     * @param text the sentence without markup
     * @param heading the text of the nearest heading above it, or an empty string
     * @param tableRow true when it is a table row rather than prose
     */
    record Sentence(int block, String text, String heading, boolean tableRow) {}

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[\\p{Lu}\\p{N}\"'(])");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*$");
    private static final Pattern LIST_ITEM = Pattern.compile("^(?:[-*+]|\\d{1,3}[.)])\\s+(.*)$");
    private static final Pattern RULE = Pattern.compile("^(?:-{3,}|\\*{3,}|_{3,})$");
    private static final Pattern TABLE_SEPARATOR =
            Pattern.compile("^\\|?\\s*:?-{2,}:?\\s*(?:\\|\\s*:?-{2,}:?\\s*)*\\|?$");
    private static final Pattern FENCE = Pattern.compile("^(?:```|~~~)");
    /** A line this short without closing punctuation is a line of its own, like an address, not wrapped prose. */
    private static final int SHORT_LINE = 40;

    private static final Pattern IMAGE = Pattern.compile("!\\[([^]]*)]\\([^)]*\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^]]+)]\\([^)]*\\)");
    private static final Pattern STRONG = Pattern.compile("\\*\\*|__");
    private static final Pattern EMPHASIS =
            Pattern.compile("(?<![\\p{L}\\p{N}*])\\*(?=\\S)|(?<=\\S)\\*(?![\\p{L}\\p{N}*])");
    private static final Pattern HTML_TAG = Pattern.compile("</?[a-zA-Z][^>]*>");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final List<Sentence> sentences = new ArrayList<>();
    private final List<String> paragraph = new ArrayList<>();
    private String heading = "";
    private List<String> tableHeader = null;
    private int block = 0;

    private MarkdownSentences() {}

    /** The passage's sentences in their order. */
    static List<Sentence> of(String markdown) {
        MarkdownSentences parser = new MarkdownSentences();
        boolean inCode = false;
        for (String raw : markdown.split("\\R")) {
            String line = raw.strip();
            if (FENCE.matcher(line).find()) {
                parser.endParagraph();
                inCode = !inCode;
            } else if (!inCode) {
                parser.read(line.startsWith(">") ? line.substring(1).strip() : line);
            }
        }
        parser.endParagraph();
        return List.copyOf(parser.sentences);
    }

    private void read(String line) {
        Matcher heading = HEADING.matcher(line);
        Matcher item = LIST_ITEM.matcher(line);
        if (line.isEmpty() || RULE.matcher(line).matches()) {
            endParagraph();
            tableHeader = null;
        } else if (heading.matches()) {
            endParagraph();
            this.heading = inline(heading.group(1));
        } else if (line.startsWith("|")) {
            endParagraph();
            tableRow(line);
        } else if (item.matches()) {
            endParagraph();
            paragraph.add(item.group(1));
        } else {
            paragraph.add(line);
        }
    }

    private void tableRow(String line) {
        if (TABLE_SEPARATOR.matcher(line).matches()) {
            return;
        }
        List<String> cells = cells(line);
        if (tableHeader == null) {
            tableHeader = cells;
            return;
        }
        List<String> named = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            String column = i < tableHeader.size() ? tableHeader.get(i) : "";
            if (!cells.get(i).isEmpty()) {
                named.add(column.isEmpty() ? cells.get(i) : column + ": " + cells.get(i));
            }
        }
        if (!named.isEmpty()) {
            sentences.add(new Sentence(block++, String.join("; ", named), heading, true));
        }
    }

    private void endParagraph() {
        if (paragraph.isEmpty()) {
            return;
        }
        StringBuilder joined = new StringBuilder(paragraph.getFirst());
        for (int i = 1; i < paragraph.size(); i++) {
            String previous = paragraph.get(i - 1);
            boolean ownLine = previous.length() < SHORT_LINE && !previous.matches(".*[.!?:;,]$");
            joined.append(ownLine ? ", " : " ").append(paragraph.get(i));
        }
        paragraph.clear();
        String text = inline(joined.toString());
        if (!text.isEmpty()) {
            for (String sentence : SENTENCE_END.split(text)) {
                sentences.add(new Sentence(block, sentence, heading, false));
            }
            block++;
        }
    }

    private static List<String> cells(String line) {
        String inner = line.replaceAll("^\\|", "").replaceAll("\\|$", "");
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("(?<!\\\\)\\|", -1)) {
            cells.add(inline(cell.replace("\\|", "|")));
        }
        return cells;
    }

    /** The text without inline markup: links and images keep their words, emphasis and code marks go. */
    private static String inline(String text) {
        String plain = IMAGE.matcher(text).replaceAll("$1");
        plain = LINK.matcher(plain).replaceAll("$1");
        plain = STRONG.matcher(plain).replaceAll("");
        plain = EMPHASIS.matcher(plain).replaceAll("");
        plain = HTML_TAG.matcher(plain).replaceAll(" ");
        plain = plain.replace("`", "");
        return SPACES.matcher(plain).replaceAll(" ").strip();
    }
}
