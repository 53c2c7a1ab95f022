package io.parley.conversation;

import io.parley.llm.Passage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of the passages a turn was given its reply used. Models are asked to mark each sentence they take from a
 * passage with its id ({@code [1]}); those markers decide. A model that answered without any marker still answered
 * from what it was given, so then every passage is cited: a source shown too often is better than a grounded answer
 * that shows none. A reply no model wrote (the fallback message) cites nothing.
 */
final class Citations {

    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3})]");
    static final int SNIPPET_LENGTH = 240;

    private Citations() {}

    static List<Citation> of(String reply, KnowledgeBase.Grounding grounding, boolean answered) {
        if (!answered || grounding.sources().isEmpty() || reply.isBlank()) {
            return List.of();
        }
        Set<String> marked = new LinkedHashSet<>();
        Matcher markers = MARKER.matcher(reply);
        while (markers.find()) {
            marked.add(markers.group(1));
        }
        List<Citation> cited = new ArrayList<>();
        for (String ref : marked) {
            grounding.sources().stream()
                    .filter(s -> s.passage().id().equals(ref))
                    .findFirst()
                    .ifPresent(s -> cited.add(citation(s)));
        }
        if (cited.isEmpty()) {
            grounding.sources().forEach(s -> cited.add(citation(s)));
        }
        return List.copyOf(cited);
    }

    private static Citation citation(KnowledgeBase.Source source) {
        Passage p = source.passage();
        return new Citation(p.id(), source.documentId(), p.title(), p.url(), snippet(p.text()));
    }

    /** The passage's start, cut at a word near {@link #SNIPPET_LENGTH} characters. */
    static String snippet(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.length() <= SNIPPET_LENGTH) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', SNIPPET_LENGTH);
        return flat.substring(0, cut > SNIPPET_LENGTH / 2 ? cut : SNIPPET_LENGTH) + " …";
    }
}
