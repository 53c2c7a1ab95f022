package io.parley.console;

import io.parley.knowledge.Knowledge;
import io.parley.knowledge.KnowledgeSource;
import io.parley.knowledge.KnowledgeSources;
import io.parley.tenant.SignedInMember;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The web sources on the "Knowledge" page: import a page or a sitemap, sync one now, delete one with its pages. Each
 * sync runs in the background; while one does, the list refreshes itself.
 */
@Controller
@RequestMapping("/console/knowledge/sources")
class KnowledgeSourcesPageController {

    private static final String NO_SOURCE = "Your organization's knowledge base has no such web source.";

    private final KnowledgeSources sources;
    private final Knowledge knowledge;
    private final KnowledgePage page;

    KnowledgeSourcesPageController(KnowledgeSources sources, Knowledge knowledge, KnowledgePage page) {
        this.sources = sources;
        this.knowledge = knowledge;
        this.page = page;
    }

    /** The list alone, for the page to refresh it while a source syncs. */
    @GetMapping
    String list(SignedInMember member, Model model) {
        page.lists(member, model);
        return KnowledgePage.VIEW + " :: sources";
    }

    @PostMapping
    String add(
            SignedInMember member,
            @ModelAttribute KnowledgeForms.SourceForm source,
            HttpServletResponse response,
            Model model) {
        Map<String, String> errors = source.errors();
        if (!errors.isEmpty()) {
            return page.refused(
                    member,
                    model,
                    response,
                    KnowledgePage.Forms.EMPTY.with(source).withErrors(errors));
        }
        KnowledgeSource added = sources.add(
                member.organization(),
                source.sourceType().orElseThrow(),
                URI.create(source.url().strip()));
        return "redirect:/console/knowledge?source=" + added.id();
    }

    @PostMapping("/{id}/sync")
    String sync(SignedInMember member, @PathVariable String id) {
        sources.sync(member.organization(), id).orElseThrow(() -> new NotFoundException(NO_SOURCE));
        return "redirect:/console/knowledge?done=syncing";
    }

    /**
     * Deletes a source and its pages once confirmed: the first post is answered with the question (and how many pages
     * go with it) on the page, whose "Yes, delete" posts again with {@code confirmed=true}.
     */
    @PostMapping("/{id}/delete")
    String delete(
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
            return page.render(member, model, KnowledgePage.Forms.EMPTY);
        }
        if (!sources.delete(member.organization(), id)) {
            throw new NotFoundException(NO_SOURCE);
        }
        return "redirect:/console/knowledge?done=source-deleted";
    }
}
