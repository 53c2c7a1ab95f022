package io.parley.llm;

/**
 * What a model can do.
 *
 * @param offline true when replies come from the organization's own text without a language model (the built-in
 *     engine); the console tells the business so
 * @param streaming true when pieces arrive as they are generated rather than all at the end
 */
public record ModelCapabilities(boolean offline, boolean streaming) {}
