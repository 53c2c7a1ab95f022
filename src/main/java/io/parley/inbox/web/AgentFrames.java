package io.parley.inbox.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.inbox.InboxViews;
import io.parley.web.ProblemException;
import java.util.List;

/** The frames of {@code /ws/agent}, server to member, as records serialized to JSON text. */
final class AgentFrames {

    private AgentFrames() {}

    /** First frame: who you are, the queue (conversations with people), who is online, and the team to assign to. */
    record Hello(
            String type,
            InboxViews.Member member,
            String role,
            List<InboxViews.Item> items,
            List<InboxViews.Member> online,
            List<InboxViews.Member> team) {
        Hello(
                InboxViews.Member member,
                String role,
                List<InboxViews.Item> items,
                List<InboxViews.Member> online,
                List<InboxViews.Member> team) {
            this("hello", member, role, items, online, team);
        }
    }

    record Presence(String type, List<InboxViews.Member> online) {
        Presence(List<InboxViews.Member> online) {
            this("presence", online);
        }
    }

    /** {@code conversation.waiting} when a conversation starts waiting for a person, else {@code conversation.status}. */
    record Status(String type, String conversationId, InboxViews.Item conversation, InboxViews.Change change) {}

    record Message(String type, String conversationId, InboxViews.MessageItem message) {
        Message(String conversationId, InboxViews.MessageItem message) {
            this("conversation.message", conversationId, message);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Typing(String type, String conversationId, String role, String name) {
        Typing(String conversationId, String role, String name) {
            this("typing", conversationId, role, name);
        }
    }

    record Note(String type, String conversationId, InboxViews.NoteItem note) {
        Note(String conversationId, InboxViews.NoteItem note) {
            this("conversation.note", conversationId, note);
        }
    }

    /** The customer rated the conversation, or left an email address. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Feedback(String type, String conversationId, InboxViews.Rating rating, String contactEmail) {
        Feedback(String conversationId, InboxViews.Rating rating, String contactEmail) {
            this("conversation.feedback", conversationId, rating, contactEmail);
        }
    }

    /** The answer to {@code open}: the conversation with its messages, notes, history and context. */
    record Conversation(String type, String ref, InboxViews.Detail conversation) {
        Conversation(String ref, InboxViews.Detail conversation) {
            this("conversation", ref, conversation);
        }
    }

    record Suggestion(String type, String ref, String conversationId, String text) {
        Suggestion(String ref, String conversationId, String text) {
            this("suggestion", ref, conversationId, text);
        }
    }

    /** An action succeeded; {@code result} is the conversation, message or note it made. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Done(String type, String ref, Object result) {
        Done(String ref, Object result) {
            this("done", ref, result);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Pong(String type, String ref) {
        Pong(String ref) {
            this("pong", ref);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(String type, String ref, Problem problem) {
        static Error of(String ref, ProblemException e) {
            return new Error(
                    "error",
                    ref,
                    new Problem(
                            e.type().uri().toString(),
                            e.type().title(),
                            e.type().status(),
                            e.detail(),
                            e.errors()));
        }
    }

    /** As the REST API's problem documents: {@code errors} names the fields at fault, when fields are. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Problem(String type, String title, int status, String detail, List<ProblemException.FieldError> errors) {}
}
