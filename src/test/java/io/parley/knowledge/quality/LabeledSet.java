package io.parley.knowledge.quality;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A knowledge base and questions about it, each labeled with the documents that answer it: what retrieval quality is
 * measured on.
 *
 * @param name how reports call it ("banking", "demo")
 * @param documents everything the knowledge base holds, each added as the REST API would add it
 * @param questions the labeled questions, both splits
 */
public record LabeledSet(String name, List<SourceDocument> documents, List<LabeledQuestion> questions) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public LabeledSet {
        documents = List.copyOf(documents);
        questions = List.copyOf(questions);
        Set<String> ids = new HashSet<>();
        documents.forEach(d -> {
            if (!ids.add(d.id())) {
                throw new IllegalArgumentException(name + ": two documents have the id " + d.id());
            }
        });
        for (LabeledQuestion q : questions) {
            for (String id : q.expected()) {
                if (!ids.contains(id)) {
                    throw new IllegalArgumentException(
                            name + ": \"" + q.question() + "\" expects " + id + ", which is not a document");
                }
            }
        }
    }

    /**
     * A document as it is given to the knowledge base: pasted text ({@code faq} false: Markdown headings become
     * sections) or a FAQ entry ({@code faq} true: the title is the question, the content its answer).
     */
    public record SourceDocument(String id, String title, String content, boolean faq) {
        public SourceDocument {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * A question a customer might type.
     *
     * @param expected the documents that answer it (any one counts); empty when nothing in the set answers it
     * @param split {@code tune} (settings may be chosen on it) or {@code test} (only reported)
     */
    public record LabeledQuestion(String question, List<String> expected, String split) {
        public LabeledQuestion {
            Objects.requireNonNull(question, "question");
            expected = List.copyOf(expected);
            if (!split.equals("tune") && !split.equals("test")) {
                throw new IllegalArgumentException("split is tune or test, not " + split);
            }
        }

        public boolean answerable() {
            return !expected.isEmpty();
        }
    }

    /** The questions of one split ("tune", "test"), or all of them ("all"). */
    public LabeledSet split(String split) {
        if (split.equals("all")) {
            return this;
        }
        return new LabeledSet(
                name + "/" + split,
                documents,
                questions.stream().filter(q -> q.split().equals(split)).toList());
    }

    /** Only the documents the filter keeps, and only the questions they can still answer. */
    public LabeledSet documentsWhere(String label, Predicate<SourceDocument> keep) {
        List<SourceDocument> kept = documents.stream().filter(keep).toList();
        Set<String> ids = new HashSet<>(kept.stream().map(SourceDocument::id).toList());
        List<LabeledQuestion> answerable = questions.stream()
                .filter(q -> q.answerable() && ids.containsAll(q.expected()))
                .toList();
        return new LabeledSet(name + "/" + label, kept, answerable);
    }

    /**
     * The bank's support knowledge base (τ²-bench's {@code banking_knowledge}, 698 documents, MIT licence; see
     * {@code src/test/resources/knowledge/README.md}) and {@code banking-questions.json}.
     */
    public static LabeledSet banking() {
        List<SourceDocument> documents = new ArrayList<>();
        try (InputStream in = resource("/knowledge/banking/documents.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    JsonNode d = JSON.readTree(line);
                    documents.add(new SourceDocument(
                            d.get("id").asString(),
                            d.get("title").asString(),
                            d.get("content").asString(),
                            false));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LabeledSet("banking", documents, questions(readResource("/knowledge/banking-questions.json")));
    }

    /**
     * A FAQ made of the banking set's question-and-answer pairs ({@code banking-faq-entries.json}: the pairs of its "FAQ:
     * ..." documents with the product named in front of each question, and its documents whose title is a question),
     * each added as a FAQ entry ({@code faq=true}: the title is the question), and {@code banking-faq-questions.json}:
     * how customers would ask them. What a FAQ benchmark looks like: short documents whose title is the question.
     */
    public static LabeledSet bankingFaq() {
        List<SourceDocument> entries = new ArrayList<>();
        for (JsonNode e : readResource("/knowledge/banking-faq-entries.json")) {
            entries.add(new SourceDocument(
                    e.get("id").asString(),
                    e.get("question").asString(),
                    e.get("answer").asString(),
                    true));
        }
        return new LabeledSet("banking-faq", entries, questions(readResource("/knowledge/banking-faq-questions.json")));
    }

    /** A set by the name reports use: banking, banking-faq or demo. */
    public static LabeledSet named(String name) {
        return switch (name) {
            case "banking" -> banking();
            case "banking-faq" -> bankingFaq();
            case "demo" -> demo();
            default ->
                throw new IllegalArgumentException("unknown set " + name + "; known: banking, banking-faq, demo");
        };
    }

    /**
     * The demo shop's Markdown files ({@code src/main/resources/demo/knowledge/}, each titled by its first {@code # }
     * heading, its id is its file name) and {@code demo-questions.json} ({@code source}: the file that answers, or null
     * when none does).
     */
    public static LabeledSet demo(Path knowledgeDirectory, Path questionsFile) {
        List<SourceDocument> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(knowledgeDirectory)) {
            for (Path file :
                    files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                String content = Files.readString(file);
                String name = file.getFileName().toString();
                documents.add(new SourceDocument(name, firstHeading(content, name), content, false));
            }
            return new LabeledSet("demo", documents, questions(JSON.readTree(Files.readString(questionsFile))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo set from its places in this repository. */
    public static LabeledSet demo() {
        return demo(
                Path.of("src/main/resources/demo/knowledge"),
                Path.of("src/test/resources/knowledge/demo-questions.json"));
    }

    static String firstHeading(String markdown, String fallback) {
        return markdown.lines()
                .filter(line -> line.startsWith("# "))
                .map(line -> line.substring(2).strip())
                .filter(title -> !title.isEmpty())
                .findFirst()
                .orElse(fallback);
    }

    /**
     * Questions from either format: {@code [{question, expected: id or [ids], split}]} or the demo's {@code [{question,
     * source: file or null, split}]}, bare or as {@code {"questions": [...]}}.
     */
    static List<LabeledQuestion> questions(JsonNode root) {
        JsonNode list = root.isArray() ? root : root.get("questions");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("a question set is a JSON array, or an object with a questions array");
        }
        List<LabeledQuestion> questions = new ArrayList<>();
        for (JsonNode q : list) {
            JsonNode answers = q.has("expected") ? q.get("expected") : q.get("source");
            questions.add(new LabeledQuestion(
                    q.get("question").asString(), ids(answers), q.get("split").asString()));
        }
        return questions;
    }

    private static List<String> ids(JsonNode answers) {
        if (answers == null || answers.isNull()) {
            return List.of();
        }
        if (answers.isArray()) {
            List<String> ids = new ArrayList<>();
            answers.forEach(a -> ids.add(a.asString()));
            return ids;
        }
        return List.of(answers.asString());
    }

    private static JsonNode readResource(String name) {
        try (InputStream in = resource(name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = LabeledSet.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        return in;
    }
}
