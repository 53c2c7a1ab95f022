package io.parley.conversation;

import io.parley.llm.Tool;
import java.util.Objects;

/**
 * A tool as a {@link ToolSource} offers it.
 *
 * @param tool what the model sees: name, description, JSON Schema of the arguments, kind ({@code read}/{@code write})
 * @param identity whose data the tool touches, which decides what the engine lets it do before and after the
 *     conversation is bound to a customer
 * @param status what the customer sees while it runs ("Looking up your order…")
 * @param handsOver true for a tool that asks for a person (the retail store's {@code transfer_to_human_agents}): once
 *     it succeeds, the engine hands the conversation to the business's people
 */
public record OfferedTool(Tool tool, Identity identity, String status, boolean handsOver) {

    public OfferedTool {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(identity, "identity");
        status = status == null || status.isBlank() ? "Working on it…" : status.strip();
    }

    public OfferedTool(Tool tool, Identity identity, String status) {
        this(tool, identity, status, false);
    }

    public String name() {
        return tool.name();
    }

    public boolean writes() {
        return tool.kind() == Tool.Kind.WRITE;
    }

    public enum Identity {
        /** Touches no customer's data (the catalogue, a calculator): anyone may use it. */
        NONE,
        /**
         * Finds out who the customer is (by email, by name and zip code): its {@link ToolResult.Done#identified()}
         * binds the conversation to that customer, once; another customer afterwards is refused by the engine.
         */
        IDENTIFIES,
        /**
         * Reads or changes one customer's data: runs only once the conversation is bound to a customer, and the
         * source refuses any user, order or record that is not {@link ToolRun#customer()}'s.
         */
        CUSTOMER
    }
}
