package io.parley.llm;

/** Receives the pieces of a streamed reply in order. Called on the thread that called the model. */
@FunctionalInterface
public interface DeltaSink {

    /** One non-empty piece of the reply's text. */
    void onDelta(String text);

    /**
     * The pieces received so far are withdrawn: the reply is being written again from its start (by another
     * provider, after this one broke off). What arrives next replaces them.
     */
    default void discard() {}

    /** A sink that ignores the pieces, for callers that only want the whole reply. */
    DeltaSink IGNORE = text -> {};
}
