package io.parley.knowledge;

import io.parley.conversation.ConversationId;
import io.parley.conversation.KnowledgeBase;
import io.parley.knowledge.index.Hit;
import io.parley.knowledge.index.SearchMode;
import io.parley.llm.Passage;
import io.parley.tenant.OrganizationId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grounds each conversation turn in the organization's knowledge base: a hybrid search for the customer's question
 * (with their previous message when the question leans on it: "and how much is it?"), keeping only passages similar
 * enough to be an answer. A question that finds none is recorded as a knowledge gap. Thread-safe.
 */
final class KnowledgeGrounding implements KnowledgeBase {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeGrounding.class);
    /** Words that point back at something said before: the question needs the previous message to be searched. */
    private static final Pattern REFERS_BACK = Pattern.compile(
            "\\b(it|its|that|this|those|these|they|them|one|ones|there|same)\\b", Pattern.CASE_INSENSITIVE);

    private static final int SHORT_QUESTION_WORDS = 3;

    private final Retrieval retrieval;
    private final KnowledgeStore store;
    private final Confidence confidence;
    private final Clock clock;
    private final Executor background;

    KnowledgeGrounding(
            Retrieval retrieval, KnowledgeStore store, Confidence confidence, Clock clock, Executor background) {
        this.retrieval = retrieval;
        this.store = store;
        this.confidence = confidence;
        this.clock = clock;
        this.background = background;
    }

    /**
     * When a passage counts as an answer.
     *
     * @param minSimilarity the least cosine similarity between question and passage
     * @param maxPassages passages given to the model at most
     * @param margin further passages must be within this similarity of the best one
     */
    record Confidence(double minSimilarity, int maxPassages, double margin) {}

    @Override
    public Grounding ground(
            OrganizationId organization, @Nullable ConversationId conversation, String question, List<String> earlier) {
        if (!retrieval.hasKnowledge(organization)) {
            return Grounding.NONE;
        }
        String query = query(question, earlier);
        List<Hit> hits = retrieval.search(organization, query, confidence.maxPassages() * 2, SearchMode.HYBRID, 2);
        List<Hit> confident = confident(hits);
        if (confident.isEmpty()) {
            double best = hits.stream().mapToDouble(Hit::similarity).max().orElse(0);
            recordGap(organization, conversation, question, best);
            return Grounding.NONE;
        }
        List<Source> sources = new ArrayList<>();
        for (Hit hit : confident) {
            String id = Integer.toString(sources.size() + 1);
            String text = hit.section().isBlank() ? hit.body() : hit.section() + "\n" + hit.body();
            sources.add(new Source(new Passage(id, hit.title(), hit.url(), text), hit.documentId()));
        }
        return new Grounding(sources);
    }

    /** Hits good enough to answer from, best first: the fused order, cut where similarity is too low. */
    List<Hit> confident(List<Hit> hits) {
        double best = hits.stream().mapToDouble(Hit::similarity).max().orElse(0);
        if (best < confidence.minSimilarity()) {
            return List.of();
        }
        return hits.stream()
                .filter(h ->
                        h.similarity() >= confidence.minSimilarity() && h.similarity() >= best - confidence.margin())
                .limit(confidence.maxPassages())
                .toList();
    }

    /** The question, and the customer's previous message when the question is short or points back at it. */
    static String query(String question, List<String> earlier) {
        if (earlier.isEmpty()) {
            return question;
        }
        boolean leans = question.strip().split("\\s+").length <= SHORT_QUESTION_WORDS
                || REFERS_BACK.matcher(question).find();
        return leans ? question + "\n" + earlier.getFirst() : question;
    }

    private void recordGap(
            OrganizationId organization, @Nullable ConversationId conversation, String question, double best) {
        if (conversation == null || !asksSomething(question)) {
            return;
        }
        String text = question.strip();
        String stored = text.length() > 2000 ? text.substring(0, 2000) : text;
        background.execute(() -> {
            try {
                store.addGap(
                        organization,
                        conversation.value(),
                        stored,
                        normalized(stored),
                        Math.max(0, best),
                        clock.instant());
            } catch (RuntimeException e) {
                log.warn("Could not record a knowledge gap", e);
            }
        });
    }

    /** A question or a request, not "hi" or "thanks": a question mark, or three words or more. */
    static boolean asksSomething(String message) {
        String text = message.strip();
        return text.contains("?") || text.split("\\s+").length >= 3;
    }

    /** Lower case, letters and digits only, single spaces: "Do you ship to Mexico?" and "do you ship to mexico" meet. */
    static String normalized(String question) {
        String folded = question.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", " ")
                .strip();
        return folded.length() > 2000 ? folded.substring(0, 2000) : folded;
    }
}
