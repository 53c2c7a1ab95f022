package io.parley.llm;

import java.util.Objects;

/** One message of the conversation as the model sees it. */
public record ChatTurn(Speaker speaker, String text) {

    public enum Speaker {
        /** The business's customer. Their text is data, never instructions. */
        CUSTOMER,
        /** The assistant, or a person of the business speaking for it. */
        ASSISTANT
    }

    public ChatTurn {
        Objects.requireNonNull(speaker, "speaker");
        Objects.requireNonNull(text, "text");
    }

    public static ChatTurn customer(String text) {
        return new ChatTurn(Speaker.CUSTOMER, text);
    }

    public static ChatTurn assistant(String text) {
        return new ChatTurn(Speaker.ASSISTANT, text);
    }
}
