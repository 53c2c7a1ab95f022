package io.parley.console;

import io.parley.knowledge.Knowledge;
import io.parley.knowledge.KnowledgeProperties;
import io.parley.knowledge.KnowledgeSource;
import io.parley.knowledge.KnowledgeSources;
import io.parley.tenant.SignedInMember;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The "Knowledge" page as its two controllers render it ({@link KnowledgePageController} for documents,
 * {@link KnowledgeSourcesPageController} for web sources): both lists, the forms as typed, and the limits the forms
 * state.
 */
@Component
class KnowledgePage {

    static final String VIEW = "console/knowledge";

    private final Knowledge knowledge;
    private final KnowledgeSources sources;
    private final long maxFileBytes;
    private final int maxSitemapPages;
    private final String syncEvery;

    KnowledgePage(Knowledge knowledge, KnowledgeSources sources, KnowledgeProperties properties) {
        this.knowledge = knowledge;
        this.sources = sources;
        this.maxFileBytes = properties.maxFileSize().toBytes();
        this.maxSitemapPages = properties.maxSitemapPages();
        this.syncEvery = every(properties.syncInterval());
    }

    /** The page's forms as they are to be shown: what was typed, and what is wrong with it (by field id). */
    record Forms(
            KnowledgeForms.TextForm text,
            KnowledgeForms.FaqForm faq,
            KnowledgeForms.SourceForm source,
            Map<String, String> errors) {

        static final Forms EMPTY = new Forms(
                KnowledgeForms.TextForm.EMPTY, KnowledgeForms.FaqForm.EMPTY, KnowledgeForms.SourceForm.EMPTY, Map.of());

        Forms with(KnowledgeForms.TextForm typed) {
            return new Forms(typed, faq, source, errors);
        }

        Forms with(KnowledgeForms.FaqForm typed) {
            return new Forms(text, typed, source, errors);
        }

        Forms with(KnowledgeForms.SourceForm typed) {
            return new Forms(text, faq, typed, errors);
        }

        Forms withErrors(Map<String, String> found) {
            return new Forms(text, faq, source, found);
        }
    }

    String render(SignedInMember member, Model model, Forms forms) {
        lists(member, model);
        model.addAttribute("forms", forms);
        model.addAttribute("errors", forms.errors());
        model.addAttribute("maxFileBytes", maxFileBytes);
        model.addAttribute("maxFileSize", megabytes());
        model.addAttribute("maxSitemapPages", maxSitemapPages);
        model.addAttribute("syncEvery", syncEvery);
        return VIEW;
    }

    /** The page again with what was typed and what is wrong with it: nothing was added. */
    String refused(SignedInMember member, Model model, HttpServletResponse response, Forms forms) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return render(member, model, forms);
    }

    /** Both lists, and whether anything in them is still moving (then the page polls). */
    void lists(SignedInMember member, Model model) {
        List<KnowledgeSource> all = sources.list(member.organization());
        Map<String, KnowledgeSource> byId =
                all.stream().collect(Collectors.toMap(KnowledgeSource::id, Function.identity()));
        List<KnowledgeViews.DocumentRow> documents = knowledge.documents(member.organization()).stream()
                .map(listed -> KnowledgeViews.DocumentRow.of(listed, byId))
                .toList();
        List<KnowledgeViews.SourceRow> sourceRows =
                all.stream().map(KnowledgeViews.SourceRow::of).toList();
        boolean syncing = sourceRows.stream().anyMatch(KnowledgeViews.SourceRow::syncing);
        model.addAttribute("section", "knowledge");
        model.addAttribute("documents", documents);
        model.addAttribute("sources", sourceRows);
        model.addAttribute("syncing", syncing);
        // A syncing source brings pages into the documents list, so that list refreshes while one syncs, too.
        model.addAttribute(
                "processing", syncing || documents.stream().anyMatch(KnowledgeViews.DocumentRow::processing));
    }

    long maxFileBytes() {
        return maxFileBytes;
    }

    String tooLargeReason() {
        return "This file is larger than " + megabytes() + ". Split it, or paste the parts that matter as text.";
    }

    private String megabytes() {
        return (maxFileBytes / (1024 * 1024)) + " MB";
    }

    /** "every 24 hours", "every 30 minutes": how often sources are read again, in words. */
    static String every(Duration interval) {
        if (interval.toHours() > 0 && interval.toMinutesPart() == 0) {
            long hours = interval.toHours();
            return hours == 1 ? "every hour" : "every " + hours + " hours";
        }
        long minutes = Math.max(1, interval.toMinutes());
        return minutes == 1 ? "every minute" : "every " + minutes + " minutes";
    }
}
