package io.parley.conversation.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.web.ProblemException;

/** The server's WebSocket frames (API.md, "Real-time chat"), as records serialized to JSON text. */
final class Frames {

    private Frames() {}

    record Session(String type, String conversationId, String visitorToken, String status) {
        Session(String conversationId, String visitorToken, String status) {
            this("session", conversationId, visitorToken, status);
        }
    }

    record Ack(String type, String clientMessageId, String messageId, long seq) {
        Ack(String clientMessageId, String messageId, long seq) {
            this("ack", clientMessageId, messageId, seq);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Typing(String type, String role, String name) {
        Typing(String role, String name) {
            this("typing", role, name);
        }
    }

    /**
     * Who handles the conversation changed: {@code text} says it in words, {@code agentName} is the person now
     * answering, {@code askContact} asks the customer for an email address because nobody can answer now.
     */
    record Status(String type, String status, String reason, String text, String agentName, boolean askContact) {
        Status(String status, String reason, String text, String agentName, boolean askContact) {
            this("status", status, reason, text, agentName, askContact);
        }
    }

    record Delta(String type, String messageId, String text) {
        Delta(String messageId, String text) {
            this("delta", messageId, text);
        }
    }

    /** The pieces of this reply shown so far are withdrawn; it is written again from its start. */
    record Restart(String type, String messageId) {
        Restart(String messageId) {
            this("restart", messageId);
        }
    }

    record MessageFrame(String type, MessageView message) {
        MessageFrame(MessageView message) {
            this("message", message);
        }
    }

    /** A change the assistant proposed, shown to the customer to confirm or cancel ({@code confirm} action). */
    record Confirmation(
            String type, String id, String tool, String summary, tools.jackson.databind.JsonNode arguments) {
        Confirmation(String id, String tool, String summary, tools.jackson.databind.JsonNode arguments) {
            this("confirmation", id, tool, summary, arguments);
        }
    }

    /** A tool is running for the assistant: {@code text} says what, for the customer ("Looking up your order…"). */
    record ToolRunning(String type, String text) {
        ToolRunning(String text) {
            this("tool", text);
        }
    }

    record Pong(String type) {
        Pong() {
            this("pong");
        }
    }

    /** The problem inside an error frame; {@code clientMessageId} names the message it is about, when it is about one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(String type, Problem problem, String clientMessageId) {
        static Error of(ProblemException e, String clientMessageId) {
            return new Error(
                    "error",
                    new Problem(
                            e.type().uri().toString(),
                            e.type().title(),
                            e.type().status(),
                            e.detail(),
                            e.retryAfter()
                                    .map(d -> Math.max(1, (d.toMillis() + 999) / 1000))
                                    .orElse(null)),
                    clientMessageId);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Problem(String type, String title, int status, String detail, Long retryAfter) {}
}
