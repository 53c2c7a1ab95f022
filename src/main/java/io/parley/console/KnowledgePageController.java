package io.parley.console;

import io.parley.knowledge.Knowledge;
import io.parley.knowledge.KnowledgeDocument;
import io.parley.knowledge.KnowledgeProperties;
import io.parley.knowledge.KnowledgeSource;
import io.parley.knowledge.KnowledgeSources;
import io.parley.tenant.SignedInMember;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The "Knowledge" page: the organization's documents with their processing progress, the forms that add a file,
 * pasted text, a FAQ entry or a web source, and the web sources with their last sync. Documents are processed in the
 * background; while one is, the lists refresh themselves (htmx polls their fragments, and stops once nothing is
 * processing). Who may add and delete is the role policy's (admins and owners); everyone else reads.
 */
@Controller
@RequestMapping("/console/knowledge")
class KnowledgePageController {

    private static final String NO_DOCUMENT = "Your organization's knowledge base has no such document.";
    private static final String NO_SOURCE = "Your organization's knowledge base has no such web source.";

    private final Knowledge knowledge;
    private final KnowledgeSources sources;
    private final long maxFileBytes;
    private final int maxSitemapPages;
    private final String syncEvery;

    KnowledgePageController(Knowledge knowledge, KnowledgeSources sources, KnowledgeProperties properties) {
        this.knowledge = knowledge;
        this.sources = sources;
        this.maxFileBytes = properties.maxFileSize().toBytes();
        this.maxSitemapPages = properties.maxSitemapPages();
        this.syncEvery = every(properties.syncInterval());
    }

    /** The forms of the page as they are to be shown: what was typed, and what is wrong with it. */
    record Forms(
            KnowledgeForms.TextForm text,
            KnowledgeForms.FaqForm faq,
            KnowledgeForms.SourceForm source,
            Map<String, String> errors) {

        static Forms empty() {
            return new Forms(
                    KnowledgeForms.TextForm.EMPTY,
                    KnowledgeForms.FaqForm.EMPTY,
                    KnowledgeForms.SourceForm.EMPTY,
                    Map.of());
        }
    }

    /**
     * @param added a document just added: the page names it
     * @param faq a question to start a FAQ entry with (the gaps page links here with the question customers asked)
     * @param tooLarge present when an upload was over the limit ({@link UploadLimitFilter} sends the member here)
     */
    @GetMapping
    String page(
            SignedInMember member,
            @RequestParam(required = false) String added,
            @RequestParam(required = false) String source,
            @RequestParam(required = false) String done,
            @RequestParam(required = false) String faq,
            @RequestParam(required = false) String tooLarge,
            Model model) {
        if (added != null) {
            knowledge
                    .document(member.organization(), added)
                    .ifPresent(listed -> model.addAttribute(
                            "notice",
                            "“" + listed.document().title() + "” was added. It is being read now and answers"
                                    + " customers once it is ready."));
        }
        if (source != null) {
            sources.list(member.organization()).stream()
                    .filter(s -> s.id().equals(source))
                    .findFirst()
                    .ifPresent(s -> model.addAttribute(
                            "notice",
                            "Importing " + s.url() + ". Its pages appear in the documents as they are read."));
        }
        if (done != null) {
            model.addAttribute(
                    "notice",
                    switch (done) {
                        case "deleted" -> "Document deleted. Replies no longer use it.";
                        case "source-deleted" -> "Web source deleted, with the pages it brought in.";
                        case "syncing" -> "Syncing now. Changed pages are read again; removed pages are removed.";
                        default -> null;
                    });
        }
        Forms forms = Forms.empty();
        if (faq != null && !faq.isBlank()) {
            forms = new Forms(
                    forms.text(),
                    new KnowledgeForms.FaqForm(clip(faq.strip(), KnowledgeForms.MAX_TITLE), ""),
                    forms.source(),
                    Map.of());
        }
        if (tooLarge != null) {
            forms = new Forms(forms.text(), forms.faq(), forms.source(), Map.of("upload-file", tooLargeReason()));
        }
        return render(member, model, forms);
    }

    /** The documents list alone, for the page to refresh it while something is processing. */
    @GetMapping("/documents")
    String documents(SignedInMember member, Model model) {
        lists(member, model);
        return "console/knowledge :: documents";
    }

    /** The web sources list alone, for the page to refresh it while a source syncs. */
    @GetMapping("/sources")
    String sourceList(SignedInMember member, Model model) {
        lists(member, model);
        return "console/knowledge :: sources";
    }

    @PostMapping("/files")
    String upload(
            SignedInMember member,
            @RequestParam(name = "file", required = false) MultipartFile file,
            HttpServletResponse response,
            Model model) {
        String name = file == null || file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
        String problem = null;
        if (file == null || name.isBlank()) {
            problem = "Choose a file to upload.";
        } else if (file.isEmpty()) {
            problem = "This file is empty. Choose a file with your text in it.";
        } else if (file.getSize() > maxFileBytes) {
            problem = tooLargeReason();
        }
        if (problem != null) {
            Forms empty = Forms.empty();
            return refused(
                    member,
                    model,
                    response,
                    new Forms(empty.text(), empty.faq(), empty.source(), Map.of("upload-file", problem)));
        }
        byte[] content;
        try {
            content = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KnowledgeDocument added = knowledge.addFile(member.organization(), name, file.getContentType(), content);
        return "redirect:/console/knowledge?added=" + added.id();
    }

    @PostMapping("/texts")
    String addText(
            SignedInMember member,
            @ModelAttribute KnowledgeForms.TextForm text,
            HttpServletResponse response,
            Model model) {
        Map<String, String> errors = text.errors();
        if (!errors.isEmpty()) {
            Forms empty = Forms.empty();
            return refused(member, model, response, new Forms(text, empty.faq(), empty.source(), errors));
        }
        KnowledgeDocument added =
                knowledge.addText(member.organization(), text.title(), text.content(), text.address(), false);
        return "redirect:/console/knowledge?added=" + added.id();
    }

    @PostMapping("/faqs")
    String addFaq(
            SignedInMember member,
            @ModelAttribute KnowledgeForms.FaqForm faq,
            HttpServletResponse response,
            Model model) {
        Map<String, String> errors = faq.errors();
        if (!errors.isEmpty()) {
            Forms empty = Forms.empty();
            return refused(member, model, response, new Forms(empty.text(), faq, empty.source(), errors));
        }
        KnowledgeDocument added = knowledge.addText(member.organization(), faq.question(), faq.answer(), null, true);
        return "redirect:/console/knowledge?added=" + added.id();
    }

    @PostMapping("/sources")
    String addSource(
            SignedInMember member,
            @ModelAttribute KnowledgeForms.SourceForm source,
            HttpServletResponse response,
            Model model) {
        Map<String, String> errors = source.errors();
        if (!errors.isEmpty()) {
            Forms empty = Forms.empty();
            return refused(member, model, response, new Forms(empty.text(), empty.faq(), source, errors));
        }
        KnowledgeSource added = sources.add(
                member.organization(),
                source.sourceType().orElseThrow(),
                URI.create(source.url().strip()));
        return "redirect:/console/knowledge?source=" + added.id();
    }

    /**
     * Deletes a document once confirmed: the first post (a plain form) is answered with the question on the page, whose
     * "Yes, delete" posts again with {@code confirmed=true}.
     */
    @PostMapping("/documents/{id}/delete")
    String delete(
            SignedInMember member,
            @PathVariable String id,
            @RequestParam(defaultValue = "false") boolean confirmed,
            Model model) {
        Knowledge.Listed listed =
                knowledge.document(member.organization(), id).orElseThrow(() -> new NotFoundException(NO_DOCUMENT));
        if (!confirmed) {
            model.addAttribute("confirmDocument", KnowledgeViews.DocumentRow.of(listed, Map.of()));
            return render(member, model, Forms.empty());
        }
        if (!knowledge.delete(member.organization(), id)) {
            throw new NotFoundException(NO_DOCUMENT);
        }
        return "redirect:/console/knowledge?done=deleted";
    }

    @PostMapping("/sources/{id}/sync")
    String sync(SignedInMember member, @PathVariable String id) {
        sources.sync(member.organization(), id).orElseThrow(() -> new NotFoundException(NO_SOURCE));
        return "redirect:/console/knowledge?done=syncing";
    }

    /** Deletes a web source and its pages once confirmed, as {@link #delete} does a document. */
    @PostMapping("/sources/{id}/delete")
    String deleteSource(
            SignedInMember member,
            @PathVariable String id,
            @RequestParam(defaultValue = "false") boolean confirmed,
            Model model) {
        KnowledgeSource found = sources.list(member.organization()).stream()
                .filter(s -> s.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new NotFoundException(NO_SOURCE));
        if (!confirmed) {
            model.addAttribute("confirmSource", KnowledgeViews.SourceRow.of(found));
            model.addAttribute(
                    "confirmSourcePages",
                    knowledge.documents(member.organization()).stream()
                            .filter(l -> id.equals(l.document().sourceId()))
                            .count());
            return render(member, model, Forms.empty());
        }
        if (!sources.delete(member.organization(), id)) {
            throw new NotFoundException(NO_SOURCE);
        }
        return "redirect:/console/knowledge?done=source-deleted";
    }

    /** The page again with what was typed and what is wrong with it: nothing was added. */
    private String refused(SignedInMember member, Model model, HttpServletResponse response, Forms forms) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return render(member, model, forms);
    }

    private String render(SignedInMember member, Model model, Forms forms) {
        lists(member, model);
        model.addAttribute("forms", forms);
        model.addAttribute("errors", forms.errors());
        model.addAttribute("maxFileBytes", maxFileBytes);
        model.addAttribute("maxFileSize", megabytes());
        model.addAttribute("maxSitemapPages", maxSitemapPages);
        model.addAttribute("syncEvery", syncEvery);
        return "console/knowledge";
    }

    /** Both lists, and whether anything in them is still moving (then the page polls). */
    private void lists(SignedInMember member, Model model) {
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

    private String tooLargeReason() {
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

    private static String clip(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }
}
