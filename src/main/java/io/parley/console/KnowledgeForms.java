package io.parley.console;

import io.parley.knowledge.KnowledgeSource;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Knowledge page's forms as typed, and what is wrong with them. Errors are keyed by the id of the field they belong
 * to, so that the page shows each next to its field and the summary links to it. The limits are the knowledge API's.
 */
final class KnowledgeForms {

    static final int MAX_TITLE = 500;
    static final int MAX_TEXT = 1_000_000;
    static final int MAX_URL = 2000;

    private KnowledgeForms() {}

    /** Pasted text: a title, the text, and optionally where customers can read it. */
    record TextForm(String title, String content, String url) {

        static final TextForm EMPTY = new TextForm("", "", "");

        TextForm {
            title = title == null ? "" : title;
            content = content == null ? "" : content;
            url = url == null ? "" : url;
        }

        Map<String, String> errors() {
            Map<String, String> errors = new LinkedHashMap<>();
            checkTitle("text-title", title, "Enter a title, such as “Shipping and returns”.", errors);
            checkText("text-content", content, "Paste the text your assistant should answer from.", errors);
            if (!url.isBlank() && !isWebAddress(url)) {
                errors.put("text-url", "Enter an address starting with https:// or http://, or leave it empty.");
            }
            return errors;
        }

        /** The address, or null when none was given. */
        String address() {
            return url.isBlank() ? null : url.strip();
        }
    }

    /** A FAQ entry: the question as customers ask it, and its answer. */
    record FaqForm(String question, String answer) {

        static final FaqForm EMPTY = new FaqForm("", "");

        FaqForm {
            question = question == null ? "" : question;
            answer = answer == null ? "" : answer;
        }

        Map<String, String> errors() {
            Map<String, String> errors = new LinkedHashMap<>();
            checkTitle("faq-question", question, "Enter the question, as a customer would ask it.", errors);
            checkText("faq-answer", answer, "Enter the answer.", errors);
            return errors;
        }
    }

    /** A web source: one page, or every page a sitemap lists. */
    record SourceForm(String type, String url) {

        static final SourceForm EMPTY = new SourceForm("url", "");

        SourceForm {
            type = type == null ? "" : type;
            url = url == null ? "" : url;
        }

        Optional<KnowledgeSource.Type> sourceType() {
            return switch (type.strip().toLowerCase(Locale.ROOT)) {
                case "url" -> Optional.of(KnowledgeSource.Type.URL);
                case "sitemap" -> Optional.of(KnowledgeSource.Type.SITEMAP);
                default -> Optional.empty();
            };
        }

        Map<String, String> errors() {
            Map<String, String> errors = new LinkedHashMap<>();
            if (sourceType().isEmpty()) {
                errors.put("source-type", "Choose a single page or a sitemap.");
            }
            if (url.isBlank()) {
                errors.put("source-url", "Enter the address of the page or sitemap, starting with https://.");
            } else if (url.strip().length() > MAX_URL || !isWebAddress(url)) {
                errors.put(
                        "source-url",
                        "Enter a web address starting with https:// or http://, of at most "
                                + String.format(Locale.ENGLISH, "%,d", MAX_URL)
                                + " characters.");
            }
            return errors;
        }
    }

    private static void checkTitle(String field, String value, String missing, Map<String, String> errors) {
        if (value.isBlank()) {
            errors.put(field, missing);
        } else if (value.strip().length() > MAX_TITLE) {
            errors.put(
                    field,
                    "This can have at most " + MAX_TITLE + " characters; it has "
                            + value.strip().length() + ".");
        }
    }

    private static void checkText(String field, String value, String missing, Map<String, String> errors) {
        if (value.isBlank()) {
            errors.put(field, missing);
        } else if (value.length() > MAX_TEXT) {
            errors.put(
                    field,
                    "This can have at most " + String.format(Locale.ENGLISH, "%,d", MAX_TEXT)
                            + " characters. Split it into several documents.");
        }
    }

    static boolean isWebAddress(String url) {
        return KnowledgeViews.webLink(url) != null;
    }
}
