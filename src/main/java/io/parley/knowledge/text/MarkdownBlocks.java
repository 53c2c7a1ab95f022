package io.parley.knowledge.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Markdown, and plain text that may use its conventions, as blocks. Only the structure that search needs is parsed:
 * ATX ({@code ## Refunds}) and underlined (setext) headings, blank-line paragraphs, list items and table rows as
 * paragraphs of their own, fenced code kept line by line (a {@code #} inside it is not a heading), front matter left
 * out. Inline markup stays as written: it reads well enough to people, models and the search index alike. Plain text
 * goes through the same rules, so that a .txt file with {@code #} headings gets sections too.
 */
final class MarkdownBlocks {

    private static final Pattern ATX_HEADING =
            Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern SETEXT_UNDERLINE = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,}).*$");
    private static final Pattern THEMATIC_BREAK = Pattern.compile("^ {0,3}([-*_])([ \\t]*\\1){2,}[ \\t]*$");
    private static final Pattern LIST_ITEM = Pattern.compile("^[ \\t]*([-*+\u2022]|\\d{1,9}[.)])[ \\t]+\\S.*$");
    private static final Pattern TABLE_DIVIDER =
            Pattern.compile("^[ \\t]*\\|?[ \\t]*:?-+:?[ \\t]*(\\|[ \\t]*:?-+:?[ \\t]*)*\\|?[ \\t]*$");
    private static final Pattern QUOTE = Pattern.compile("^ {0,3}> ?");

    private final List<Block> blocks = new ArrayList<>();
    private final StringBuilder paragraph = new StringBuilder();
    private int paragraphLines;
    private boolean hardBreakPending;
    private @Nullable String frontMatterTitle;

    private MarkdownBlocks() {}

    /** The blocks of {@code text}, and its title: the first level-1 heading, else a front-matter {@code title:}. */
    static ParsedText parse(String text) {
        MarkdownBlocks parser = new MarkdownBlocks();
        parser.read(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
        return new ParsedText(parser.title(), parser.blocks);
    }

    private void read(String[] lines) {
        int i = skipFrontMatter(lines);
        while (i < lines.length) {
            String line = QUOTE.matcher(lines[i]).replaceFirst("");
            Matcher fence = FENCE.matcher(line);
            if (fence.matches()) {
                i = readFencedCode(lines, i + 1, fence.group(1));
                continue;
            }
            i++;
            Matcher heading = ATX_HEADING.matcher(line);
            Matcher underline = SETEXT_UNDERLINE.matcher(line);
            if (line.isBlank()) {
                flush();
            } else if (heading.matches()) {
                flush();
                addHeading(heading.group(1).length(), heading.group(2));
            } else if (underline.matches() && isShortSingleLine()) {
                String text = paragraph.toString();
                clearParagraph();
                addHeading(underline.group(1).charAt(0) == '=' ? 1 : 2, text);
            } else if (THEMATIC_BREAK.matcher(line).matches()
                    || TABLE_DIVIDER.matcher(line).matches() && line.contains("-") && line.contains("|")) {
                flush();
            } else if (line.strip().startsWith("|")) {
                flush();
                addParagraph(tableRow(line));
            } else if (LIST_ITEM.matcher(line).matches()) {
                flush();
                appendLine(line);
            } else {
                appendLine(line);
            }
        }
        flush();
    }

    private int skipFrontMatter(String[] lines) {
        if (lines.length == 0 || !lines[0].strip().equals("---")) {
            return 0;
        }
        for (int i = 1; i < Math.min(lines.length, 100); i++) {
            String line = lines[i].strip();
            if (line.equals("---") || line.equals("...")) {
                return i + 1;
            }
            if (line.startsWith("title:")) {
                frontMatterTitle = unquote(line.substring("title:".length()).strip());
            }
        }
        frontMatterTitle = null;
        return 0;
    }

    private int readFencedCode(String[] lines, int from, String fence) {
        flush();
        StringBuilder code = new StringBuilder();
        int i = from;
        while (i < lines.length && !lines[i].strip().startsWith(fence)) {
            code.append(lines[i]).append('\n');
            i++;
        }
        addParagraph(code.toString());
        return i + 1;
    }

    private void appendLine(String rawLine) {
        String line = rawLine.strip();
        boolean backslashBreak = line.endsWith("\\");
        if (paragraphLines > 0) {
            paragraph.append(hardBreakPending ? '\n' : ' ');
        }
        paragraph.append(backslashBreak ? line.substring(0, line.length() - 1) : line);
        // a line ending in two spaces or a backslash is a hard break in Markdown; any other line break is a space
        hardBreakPending = backslashBreak || rawLine.endsWith("  ");
        paragraphLines++;
    }

    /**
     * Only a single short line counts as an underlined heading: in plain text a row of dashes under a long paragraph
     * is far more often a separator than a heading.
     */
    private boolean isShortSingleLine() {
        return paragraphLines == 1
                && paragraph.length() <= 120
                && !LIST_ITEM.matcher(paragraph).matches();
    }

    private void flush() {
        if (paragraphLines > 0) {
            addParagraph(paragraph.toString());
        }
        clearParagraph();
    }

    private void clearParagraph() {
        paragraph.setLength(0);
        paragraphLines = 0;
        hardBreakPending = false;
    }

    private void addHeading(int level, @Nullable String text) {
        if (text != null && !text.isBlank()) {
            blocks.add(new Block.Heading(level, text));
        }
    }

    private void addParagraph(String text) {
        String tidy = BlockCollector.tidy(text);
        if (!tidy.isEmpty()) {
            blocks.add(new Block.Paragraph(tidy));
        }
    }

    private @Nullable String title() {
        return blocks.stream()
                .filter(block -> block instanceof Block.Heading h && h.level() == 1)
                .map(Block::text)
                .findFirst()
                .orElse(frontMatterTitle);
    }

    private static String tableRow(String line) {
        String row = line.strip();
        row = row.substring(1, row.endsWith("|") && row.length() > 1 ? row.length() - 1 : row.length());
        return String.join(
                " | ",
                java.util.Arrays.stream(row.split("\\|")).map(String::strip).toList());
    }

    private static String unquote(String value) {
        return value.length() >= 2
                        && (value.startsWith("\"") && value.endsWith("\"")
                                || value.startsWith("'") && value.endsWith("'"))
                ? value.substring(1, value.length() - 1)
                : value;
    }
}
