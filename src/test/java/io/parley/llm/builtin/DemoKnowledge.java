package io.parley.llm.builtin;

import io.parley.llm.Passage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo shop's knowledge base (src/main/resources/demo/knowledge) cut into sections, and the labelled customer
 * questions about it (src/test/resources/knowledge/demo-questions.json).
 */
final class DemoKnowledge {

    static final List<String> FILES =
            List.of("shipping-and-returns.md", "size-guide.md", "product-care.md", "warranty.md", "store-hours.md");

    /** One labelled question: the file that answers it, or null when the knowledge base cannot. */
    record Question(String question, @Nullable String source, String split) {}

    /** One {@code ##} section of a document, as a retriever would pass it. */
    record Section(String file, String title, String text) {}

    private static final List<Section> ALL_SECTIONS =
            FILES.stream().flatMap(file -> sections(file).stream()).toList();
    /** Each section's terms, its heading's marked with "#" so that they count twice. */
    private static final Map<Section, Set<String>> TERMS = sectionTerms();

    private static final Map<String, Integer> FREQUENCY = frequencies();

    private DemoKnowledge() {}

    static List<Question> questions() {
        try (InputStream in = DemoKnowledge.class.getResourceAsStream("/knowledge/demo-questions.json")) {
            return JsonMapper.builder().build().readValue(in, new TypeReference<List<Question>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String document(String file) {
        try (InputStream in = DemoKnowledge.class.getResourceAsStream("/demo/knowledge/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no document " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document's {@code ##} sections, each with its heading line, titled by the document's {@code #} title. */
    static List<Section> sections(String file) {
        String[] lines = document(file).split("\n");
        String title = lines[0].replaceFirst("^#\\s+", "").strip();
        List<Section> sections = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].startsWith("## ") && !current.toString().isBlank()) {
                sections.add(new Section(file, title, current.toString().strip()));
                current.setLength(0);
            }
            current.append(lines[i]).append('\n');
        }
        if (!current.toString().isBlank()) {
            sections.add(new Section(file, title, current.toString().strip()));
        }
        return sections;
    }

    static List<Section> allSections() {
        return ALL_SECTIONS;
    }

    /**
     * A stand-in for retrieval: the {@code count} sections of {@code file} that share the most (rarest) terms with the
     * question, as passages with ids "1", "2", …, best first.
     */
    static List<Passage> passagesFor(String question, String file, int count) {
        return passagesFor(question, section -> section.file().equals(file), count);
    }

    /** The same over the whole knowledge base. */
    static List<Passage> passagesFor(String question, int count) {
        return passagesFor(question, section -> true, count);
    }

    private static List<Passage> passagesFor(String question, Predicate<Section> among, int count) {
        Set<String> asked = new HashSet<>(TextAnalysis.questionTerms(question));
        ToDoubleFunction<Section> score = section -> asked.stream()
                .flatMap(term -> Stream.of(term, "#" + term))
                .filter(TERMS.get(section)::contains)
                .mapToDouble(term -> Math.log((double) ALL_SECTIONS.size() / FREQUENCY.get(term)))
                .sum();
        List<Section> ranked = ALL_SECTIONS.stream()
                .filter(among)
                .sorted(Comparator.comparingDouble(score).reversed())
                .limit(count)
                .toList();
        return asPassages(ranked);
    }

    private static Map<Section, Set<String>> sectionTerms() {
        Map<Section, Set<String>> terms = new HashMap<>();
        for (Section section : ALL_SECTIONS) {
            Set<String> sectionTerms = new HashSet<>(TextAnalysis.terms(section.text()));
            TextAnalysis.terms(section.text().lines().findFirst().orElse(""))
                    .forEach(term -> sectionTerms.add("#" + term));
            terms.put(section, sectionTerms);
        }
        return Map.copyOf(terms);
    }

    private static Map<String, Integer> frequencies() {
        Map<String, Integer> frequency = new HashMap<>();
        TERMS.values().forEach(terms -> terms.forEach(term -> frequency.merge(term, 1, Integer::sum)));
        return Map.copyOf(frequency);
    }

    static List<Passage> asPassages(List<Section> sections) {
        List<Passage> passages = new ArrayList<>();
        for (Section section : sections) {
            passages.add(new Passage(String.valueOf(passages.size() + 1), section.title(), null, section.text()));
        }
        return passages;
    }
}
