package io.parley.console;

import io.parley.knowledge.Knowledge;
import io.parley.knowledge.KnowledgeDocument;
import io.parley.knowledge.KnowledgeSources;
import io.parley.tenant.SignedInMember;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
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
 * pasted text or a FAQ entry, and (through {@link KnowledgeSourcesPageController}) its web sources. Documents are
 * processed in the background; while one is, the list refreshes itself (htmx polls its fragment, and stops once
 * nothing is processing). Who may add and delete is the role policy's (admins and owners); everyone else reads.
 */
@Controller
@RequestMapping("/console/knowledge")
class KnowledgePageController {

    private static final String NO_DOCUMENT = "Your organization's knowledge base has no such document.";

    private final Knowledge knowledge;
    private final KnowledgeSources sources;
    private final KnowledgePage page;

    KnowledgePageController(Knowledge knowledge, KnowledgeSources sources, KnowledgePage page) {
        this.knowledge = knowledge;
        this.sources = sources;
        this.page = page;
    }

    /**
     * @param added a document just added: the page names it
     * @param source a web source just added: the page names it
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
        KnowledgePage.Forms forms = KnowledgePage.Forms.EMPTY;
        if (faq != null && !faq.isBlank()) {
            forms = forms.with(new KnowledgeForms.FaqForm(clip(faq.strip(), KnowledgeForms.MAX_TITLE), ""));
        }
        if (tooLarge != null) {
            forms = forms.withErrors(Map.of("upload-file", page.tooLargeReason()));
        }
        return page.render(member, model, forms);
    }

    /** The documents list alone, for the page to refresh it while something is processing. */
    @GetMapping("/documents")
    String documents(SignedInMember member, Model model) {
        page.lists(member, model);
        return KnowledgePage.VIEW + " :: documents";
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
        } else if (file.getSize() > page.maxFileBytes()) {
            problem = page.tooLargeReason();
        }
        if (problem != null) {
            return page.refused(
                    member, model, response, KnowledgePage.Forms.EMPTY.withErrors(Map.of("upload-file", problem)));
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
            return page.refused(
                    member,
                    model,
                    response,
                    KnowledgePage.Forms.EMPTY.with(text).withErrors(errors));
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
            return page.refused(
                    member, model, response, KnowledgePage.Forms.EMPTY.with(faq).withErrors(errors));
        }
        KnowledgeDocument added = knowledge.addText(member.organization(), faq.question(), faq.answer(), null, true);
        return "redirect:/console/knowledge?added=" + added.id();
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
            return page.render(member, model, KnowledgePage.Forms.EMPTY);
        }
        if (!knowledge.delete(member.organization(), id)) {
            throw new NotFoundException(NO_DOCUMENT);
        }
        return "redirect:/console/knowledge?done=deleted";
    }

    private static String clip(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }
}
