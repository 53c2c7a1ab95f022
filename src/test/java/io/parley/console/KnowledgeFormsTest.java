package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.knowledge.KnowledgeSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Knowledge page's forms and words: what is refused and why, and what becomes a link. */
class KnowledgeFormsTest {

    @Test
    void pastedTextNeedsATitleAndTextAndTakesOnlyAWebAddress() {
        var errors = new KnowledgeForms.TextForm(" ", "\n", "javascript:alert(1)").errors();

        assertThat(errors)
                .containsOnlyKeys("text-title", "text-content", "text-url")
                .containsEntry("text-title", "Enter a title, such as “Shipping and returns”.");
        assertThat(new KnowledgeForms.TextForm("Returns", "Within 30 days.", "").errors())
                .isEmpty();
        assertThat(new KnowledgeForms.TextForm("Returns", "Within 30 days.", "").address())
                .isNull();
        assertThat(new KnowledgeForms.TextForm("x".repeat(501), "Within 30 days.", "https://shop.example/returns")
                        .errors())
                .containsOnlyKeys("text-title")
                .containsEntry("text-title", "This can have at most 500 characters; it has 501.");
    }

    @Test
    void aFaqEntryNeedsAQuestionAndAnAnswer() {
        assertThat(new KnowledgeForms.FaqForm("Do you ship to Iceland?", "  ").errors())
                .containsOnlyKeys("faq-answer");
        assertThat(new KnowledgeForms.FaqForm(null, null).errors()).containsOnlyKeys("faq-question", "faq-answer");
    }

    @Test
    void aWebSourceIsAPageOrASitemapAtAnHttpAddress() {
        assertThat(new KnowledgeForms.SourceForm("sitemap", "https://shop.example/sitemap.xml").sourceType())
                .contains(KnowledgeSource.Type.SITEMAP);
        assertThat(new KnowledgeForms.SourceForm("feed", "ftp://shop.example/").errors())
                .containsOnlyKeys("source-type", "source-url");
        assertThat(new KnowledgeForms.SourceForm("url", "").errors())
                .containsEntry("source-url", "Enter the address of the page or sitemap, starting with https://.");
    }

    @Test
    void onlyWebAddressesBecomeLinks() {
        assertThat(KnowledgeViews.webLink("https://shop.example/returns")).isEqualTo("https://shop.example/returns");
        assertThat(KnowledgeViews.webLink("HTTP://shop.example")).isEqualTo("HTTP://shop.example");
        assertThat(KnowledgeViews.webLink("javascript:alert(1)")).isNull();
        assertThat(KnowledgeViews.webLink("https:///no-host")).isNull();
        assertThat(KnowledgeViews.webLink("not an address")).isNull();
        assertThat(KnowledgeViews.webLink(null)).isNull();
    }

    @Test
    void reasonsReadAsSentencesAndSnippetsAreCutAtAWord() {
        assertThat(KnowledgeViews.sentence("the file is larger than 20 MB"))
                .isEqualTo("The file is larger than 20 MB.");
        assertThat(KnowledgeViews.sentence("Unreadable PDF.")).isEqualTo("Unreadable PDF.");
        String snippet = KnowledgeViews.snippetOf("word ".repeat(200));
        assertThat(snippet).endsWith("word …").hasSizeLessThanOrEqualTo(325);
        assertThat(KnowledgeViews.snippetOf("  Two\n\nlines ")).isEqualTo("Two lines");
    }

    @Test
    void theSyncIntervalIsSaidInWords() {
        assertThat(KnowledgePage.every(Duration.ofHours(24))).isEqualTo("every 24 hours");
        assertThat(KnowledgePage.every(Duration.ofHours(1))).isEqualTo("every hour");
        assertThat(KnowledgePage.every(Duration.ofMinutes(90))).isEqualTo("every 90 minutes");
        assertThat(KnowledgePage.every(Duration.ofSeconds(20))).isEqualTo("every minute");
    }
}
