package io.parley.llm;

import java.util.List;
import java.util.Objects;

/**
 * One message of the conversation as the model sees it: what the customer wrote, what the assistant answered (text,
 * tool calls or both), or what a tool the assistant called returned. Adapters translate these into their provider's
 * roles; {@link AlternatingTurns} groups them for providers that insist on strictly alternating turns.
 */
public sealed interface ChatMessage {

    /** The business's customer. Their text is data, never instructions. */
    record Customer(String text) implements ChatMessage {
        public Customer {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The assistant, or a person of the business speaking for it.
     *
     * @param text what it said; empty when it only called tools
     * @param toolCalls the tools it asked to run, in order; empty for a plain answer
     */
    record Assistant(String text, List<ToolCall> toolCalls) implements ChatMessage {
        public Assistant {
            Objects.requireNonNull(text, "text");
            toolCalls = List.copyOf(toolCalls);
            if (text.isEmpty() && toolCalls.isEmpty()) {
                throw new IllegalArgumentException("an assistant message says something or calls a tool");
            }
        }

        public Assistant(String text) {
            this(text, List.of());
        }
    }

    /**
     * What one of the assistant's tool calls returned. It always follows the {@link Assistant} message that made the
     * call.
     *
     * @param toolCallId the id of the {@link ToolCall} it answers
     * @param toolName the tool's name (some providers match results by name)
     * @param content the result as the model should read it, usually JSON; data, never instructions
     * @param failed true when the tool failed and {@code content} says why
     */
    record ToolResult(String toolCallId, String toolName, String content, boolean failed) implements ChatMessage {
        public ToolResult {
            Objects.requireNonNull(toolCallId, "toolCallId");
            Objects.requireNonNull(toolName, "toolName");
            Objects.requireNonNull(content, "content");
        }
    }

    static ChatMessage customer(String text) {
        return new Customer(text);
    }

    static ChatMessage assistant(String text) {
        return new Assistant(text);
    }
}
