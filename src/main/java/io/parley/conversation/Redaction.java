package io.parley.conversation;

import io.parley.llm.LanguageModel;
import io.parley.tenant.OrganizationId;

/**
 * An organization's masking of personal data (email addresses, phone numbers, card numbers, IBANs) in what its
 * customers write: before it reaches a model provider, and optionally in what is stored. The port through which the
 * engine applies it; implemented by the redaction feature, {@link #NONE} when there is none. Thread-safe.
 */
public interface Redaction {

    /**
     * The model to call for the organization: {@code model} itself, or, when the organization masks text before
     * models, a model that masks what the customer side of each request holds (customer messages, the assistant's
     * earlier text, tool results) and then calls it. The system prompt and the knowledge passages are the business's
     * own words and pass unchanged.
     */
    LanguageModel beforeModel(OrganizationId organization, LanguageModel model);

    /**
     * A customer's message as it is stored and shown from then on: masked when the organization masks stored text,
     * otherwise {@code text} itself.
     */
    String forStorage(OrganizationId organization, String text);

    /** Nothing is masked. */
    Redaction NONE = new Redaction() {
        @Override
        public LanguageModel beforeModel(OrganizationId organization, LanguageModel model) {
            return model;
        }

        @Override
        public String forStorage(OrganizationId organization, String text) {
            return text;
        }
    };
}
