package io.parley.conversation;

import io.parley.llm.ChatMessage;
import io.parley.tenant.OrganizationId;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the knowledge base about each turn's question, with the customer's earlier messages for context. A knowledge
 * base that fails leaves the turn ungrounded rather than unanswered: the model still has the organization's profile.
 */
final class Grounder {

    private static final Logger log = LoggerFactory.getLogger(Grounder.class);
    /** Earlier customer messages sent along: enough to resolve "it" or "that one", not to drown the question. */
    static final int EARLIER_MESSAGES = 2;

    private final KnowledgeBase knowledge;

    Grounder(KnowledgeBase knowledge) {
        this.knowledge = knowledge;
    }

    KnowledgeBase.Grounding ground(
            OrganizationId organization, @Nullable ConversationId conversation, String question, List<String> earlier) {
        try {
            return knowledge.ground(organization, conversation, question, earlier);
        } catch (RuntimeException e) {
            log.warn("The knowledge base could not be searched; answering without it", e);
            return KnowledgeBase.Grounding.NONE;
        }
    }

    /** The customer's messages before {@code question}, newest first. */
    static List<String> earlier(List<Message> context, Message question) {
        List<String> earlier = new ArrayList<>();
        for (Message m : context.reversed()) {
            if (earlier.size() == EARLIER_MESSAGES) {
                break;
            }
            if (m.role() == MessageRole.CUSTOMER && m.seq() < question.seq()) {
                earlier.add(m.content());
            }
        }
        return earlier;
    }

    /** The customer's messages of a playground exchange, newest first. */
    static List<String> earlier(List<ChatMessage> history) {
        List<String> earlier = new ArrayList<>();
        for (ChatMessage m : history.reversed()) {
            if (earlier.size() == EARLIER_MESSAGES) {
                break;
            }
            if (m instanceof ChatMessage.Customer customer) {
                earlier.add(customer.text());
            }
        }
        return earlier;
    }
}
