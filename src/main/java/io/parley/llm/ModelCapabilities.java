package io.parley.llm;

/**
 * What a model can do, declared rather than discovered.
 *
 * @param streaming true when pieces arrive as they are generated rather than all at the end
 * @param tools true when the model can be offered {@link Tool}s and answer with {@link ToolCall}s
 * @param offline true when replies come from the organization's own text without a language model (the built-in
 *     engine); the console tells the business so
 */
public record ModelCapabilities(boolean streaming, boolean tools, boolean offline) {

    /** A hosted language model that streams and calls tools. */
    public static final ModelCapabilities STREAMING_WITH_TOOLS = new ModelCapabilities(true, true, false);
}
