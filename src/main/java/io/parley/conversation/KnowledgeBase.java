package io.parley.conversation;

import io.parley.llm.Passage;
import io.parley.tenant.OrganizationId;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an organization's knowledge base says about a customer's question: the port through which every turn (a
 * customer's, the playground's, a suggested reply) is grounded. Implemented by the knowledge feature; {@link #NONE}
 * when there is none.
 */
public interface KnowledgeBase {

    /**
     * The passages to answer from, best first, only those retrieval is confident about.
     *
     * @param conversation the conversation asking, for recording a question nothing answered; null for the playground
     *     and drafts, which record nothing
     * @param question the customer's message being answered
     * @param earlier the customer's earlier messages, newest first, which resolve "it" and "that one"
     */
    Grounding ground(
            OrganizationId organization, @Nullable ConversationId conversation, String question, List<String> earlier);

    /** An organization without a knowledge base: nothing to ground in. */
    KnowledgeBase NONE = (organization, conversation, question, earlier) -> Grounding.NONE;

    /** Retrieved passages, each with the document it came from. */
    record Grounding(List<Source> sources) {

        public static final Grounding NONE = new Grounding(List.of());

        public Grounding {
            sources = List.copyOf(sources);
        }

        public List<Passage> passages() {
            return sources.stream().map(Source::passage).toList();
        }
    }

    /**
     * One passage and where it is from.
     *
     * @param passage what the model sees; its id is the marker a reply cites it by ({@code [1]})
     * @param documentId the knowledge base document it is part of
     */
    record Source(Passage passage, String documentId) {
        public Source {
            Objects.requireNonNull(passage, "passage");
            Objects.requireNonNull(documentId, "documentId");
        }
    }
}
