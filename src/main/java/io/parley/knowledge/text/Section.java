package io.parley.knowledge.text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * A document cut at its headings, the first step of chunking: a passage never mixes two sections, so that its section
 * name is true of all of its text. A heading with no text of its own (directly followed by a sub-heading) lives on
 * only in its children's paths.
 *
 * @param path the headings above this text, outermost first
 * @param paragraphs its text, in order, none blank
 */
record Section(List<String> path, List<String> paragraphs) {

    Section {
        path = List.copyOf(path);
        paragraphs = List.copyOf(paragraphs);
    }

    String name() {
        return String.join(" > ", path);
    }

    /** The sections of {@code blocks} that have text, in order. */
    static List<Section> of(List<Block> blocks) {
        List<Section> sections = new ArrayList<>();
        List<Block.Heading> open = new ArrayList<>();
        List<String> paragraphs = new ArrayList<>();
        for (Block block : blocks) {
            switch (block) {
                case Block.Paragraph paragraph -> paragraphs.add(paragraph.text());
                case Block.Heading heading -> {
                    addIfText(sections, open, paragraphs);
                    paragraphs = new ArrayList<>();
                    open.removeIf(outer -> outer.level() >= heading.level());
                    open.add(heading);
                }
            }
        }
        addIfText(sections, open, paragraphs);
        return sections;
    }

    /**
     * Merges a section smaller than {@code tinyTokens} with the next one when the two share a parent (siblings, or a
     * parent's short introduction and its first child) and together fit in {@code targetTokens}: a two-line section
     * makes a passage too thin to be found for anything. The merged section is named after the shared parent, and
     * each member's own heading is kept as a line of text before its paragraphs.
     */
    static List<Section> mergeTiny(
            List<Section> sections, ToIntFunction<String> tokens, int tinyTokens, int targetTokens) {
        List<Section> merged = new ArrayList<>();
        int i = 0;
        while (i < sections.size()) {
            List<Section> members = new ArrayList<>(List.of(sections.get(i)));
            List<String> common = sections.get(i).path();
            Section group = sections.get(i);
            int j = i + 1;
            while (j < sections.size() && size(group, tokens) < tinyTokens) {
                Section next = sections.get(j);
                List<String> shared = commonPrefix(common, next.path());
                boolean sameParent = !shared.isEmpty()
                        && shared.size() >= common.size() - 1
                        && shared.size() >= next.path().size() - 1;
                if (!sameParent) {
                    break;
                }
                members.add(next);
                Section candidate = render(members, shared);
                if (size(candidate, tokens) > targetTokens) {
                    members.removeLast();
                    break;
                }
                group = candidate;
                common = shared;
                j++;
            }
            merged.add(group);
            i = j;
        }
        return merged;
    }

    private static void addIfText(List<Section> sections, List<Block.Heading> open, List<String> paragraphs) {
        if (!paragraphs.isEmpty()) {
            sections.add(new Section(open.stream().map(Block::text).toList(), paragraphs));
        }
    }

    private static Section render(List<Section> members, List<String> common) {
        List<String> paragraphs = new ArrayList<>();
        for (Section member : members) {
            if (member.path().size() > common.size()) {
                paragraphs.add(String.join(
                        " > ",
                        member.path().subList(common.size(), member.path().size())));
            }
            paragraphs.addAll(member.paragraphs());
        }
        return new Section(common, paragraphs);
    }

    private static int size(Section section, ToIntFunction<String> tokens) {
        return section.paragraphs().stream().mapToInt(tokens).sum()
                + section.paragraphs().size()
                - 1;
    }

    private static List<String> commonPrefix(List<String> a, List<String> b) {
        int n = 0;
        while (n < a.size() && n < b.size() && a.get(n).equals(b.get(n))) {
            n++;
        }
        return a.subList(0, n);
    }
}
