package io.parley.console;

import io.parley.knowledge.Knowledge;
import io.parley.knowledge.KnowledgeProperties;
import io.parley.knowledge.index.Hit;
import io.parley.knowledge.index.SearchMode;
import io.parley.tenant.SignedInMember;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The knowledge base seen from the questions: "Search" shows what retrieval returns for a question, with the scores it
 * ranked by and whether a reply would answer from it; "Unanswered questions" lists what customers asked that it had
 * no confident answer for, most asked first. Both only read, so every role sees them.
 */
@Controller
@RequestMapping("/console/knowledge")
class KnowledgeSearchPageController {

    static final int MAX_QUESTION = 2000;
    private static final List<Integer> RESULT_COUNTS = List.of(5, 10, 20);
    private static final List<Integer> PERIODS = List.of(7, 30, 90);
    private static final int MAX_GAPS = 100;

    private final Knowledge knowledge;
    private final Clock clock;
    private final double minSimilarity;

    KnowledgeSearchPageController(Knowledge knowledge, KnowledgeProperties properties, Clock clock) {
        this.knowledge = knowledge;
        this.clock = clock;
        this.minSimilarity = properties.minSimilarity();
    }

    /** A search mode as the page offers it. */
    record Mode(String value, String label, String hint) {}

    private static final List<Mode> MODES = List.of(
            new Mode("hybrid", "Hybrid", "words and meaning together, as replies search"),
            new Mode("keyword", "Keyword", "the question's words only (BM25)"),
            new Mode("vector", "Meaning", "closeness in meaning only (embeddings)"));

    @GetMapping("/search")
    String search(
            SignedInMember member,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "hybrid") String mode,
            @RequestParam(defaultValue = "5") String k,
            HttpServletResponse response,
            Model model) {
        SearchMode searchMode =
                switch (mode.strip().toLowerCase(Locale.ROOT)) {
                    case "keyword" -> SearchMode.KEYWORD;
                    case "vector" -> SearchMode.VECTOR;
                    default -> SearchMode.HYBRID;
                };
        int limit = RESULT_COUNTS.stream()
                .filter(n -> String.valueOf(n).equals(k.strip()))
                .findFirst()
                .orElse(RESULT_COUNTS.getFirst());
        String question = q.strip();
        model.addAttribute("section", "knowledge-search");
        model.addAttribute("q", q);
        model.addAttribute("mode", searchMode.name().toLowerCase(Locale.ROOT));
        model.addAttribute("modes", MODES);
        model.addAttribute("k", limit);
        model.addAttribute("counts", RESULT_COUNTS);
        model.addAttribute("minSimilarity", minSimilarity);
        model.addAttribute("empty", knowledge.documents(member.organization()).isEmpty());
        model.addAttribute("searched", false);
        model.addAttribute("results", List.of());
        if (question.length() > MAX_QUESTION) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute(
                    "error",
                    "A question can have at most " + String.format(Locale.ENGLISH, "%,d", MAX_QUESTION)
                            + " characters; this one has "
                            + String.format(Locale.ENGLISH, "%,d", question.length())
                            + ".");
            return "console/knowledge-search";
        }
        if (!question.isEmpty()) {
            boolean measured = searchMode != SearchMode.KEYWORD;
            List<KnowledgeViews.Result> results = new ArrayList<>();
            for (Hit hit : knowledge.search(member.organization(), question, limit, searchMode)) {
                results.add(KnowledgeViews.Result.of(results.size() + 1, hit, measured, knowledge.confident(hit)));
            }
            model.addAttribute("searched", true);
            model.addAttribute("results", results);
        }
        return "console/knowledge-search";
    }

    @GetMapping("/gaps")
    String gaps(SignedInMember member, @RequestParam(defaultValue = "30") String days, Model model) {
        int period = PERIODS.stream()
                .filter(n -> String.valueOf(n).equals(days.strip()))
                .findFirst()
                .orElse(30);
        Instant to = clock.instant().plusSeconds(1);
        List<KnowledgeViews.Gap> gaps =
                knowledge.gaps(member.organization(), to.minus(Duration.ofDays(period)), to, MAX_GAPS).stream()
                        .map(KnowledgeViews.Gap::of)
                        .toList();
        model.addAttribute("section", "knowledge-gaps");
        model.addAttribute("days", period);
        model.addAttribute("periods", PERIODS);
        model.addAttribute("gaps", gaps);
        model.addAttribute("minSimilarity", minSimilarity);
        model.addAttribute("empty", knowledge.documents(member.organization()).isEmpty());
        return "console/knowledge-gaps";
    }
}
