package io.parley.llm;

/**
 * A language model that streams its reply: the port every provider adapter implements.
 *
 * <p>Implementations are thread-safe and hold no per-conversation state. {@link #generate} blocks the calling
 * thread (callers run it on a virtual thread) and calls the sink on that same thread, one piece at a time, in
 * order. It honours {@link ModelRequest#timeout()} and returns or throws within it, and it stops promptly when
 * the calling thread is interrupted. Vendor types never cross this port: each adapter maps its provider's requests,
 * replies and errors once.
 */
public interface LanguageModel {

    /** The provider id this model was configured under ({@code parley.llm.providers.<id>}). */
    String id();

    /** What this model can do, declared rather than discovered. */
    ModelCapabilities capabilities();

    /**
     * Generates the assistant's next message after {@link ModelRequest#messages()}: text, tool calls, or both.
     *
     * @param request the instructions, the conversation so far, the tools and passages
     * @param sink receives the reply's text in pieces, in order; the concatenation equals the returned text (unless
     *     {@link DeltaSink#discard()} withdrew earlier pieces)
     * @return the whole reply with its tool calls, finish reason, usage and who answered
     * @throws ModelException when no complete reply can be produced; {@link ModelException#kind()} tells
     *     whether trying again may help
     */
    ModelReply generate(ModelRequest request, DeltaSink sink);
}
