package io.parley.llm;

import java.util.Locale;

/**
 * Whether an organization's model answers, in words the console can show as they are.
 *
 * @param state the gist
 * @param detail what it means and what to do, in plain words; never a provider's own error text
 */
public record ModelStatus(State state, String detail) {

    public enum State {
        /** The chosen model answers (or has not failed since it was chosen). */
        READY,
        /** The chosen model was refused (key, model, or a provider no longer offered): the server's default answers. */
        MISCONFIGURED,
        /** The chosen provider is failing and its circuit is open: the fallback answers for now. */
        CIRCUIT_OPEN;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
