package io.parley.llm.bedrock;

import java.util.Locale;

/**
 * What a Bedrock model id says about the Converse features its model supports. Ids may be base model ids
 * ({@code meta.llama3-3-70b-instruct-v1:0}), cross-region inference profiles ({@code us.meta.llama…}) or ARNs that
 * contain either, so the checks look for the family anywhere in the id.
 */
final class ModelIds {

    private ModelIds() {}

    /**
     * Meta's Llama models accept tools with Converse but not with ConverseStream. AWS's "Supported models and model
     * features" table (https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-supported-models-features.html)
     * lists Meta Llama 3.1 and Llama 3.2 11B/90B with "Tool use: Yes" and "Streaming tool use: No" (and the Llama 2,
     * Llama 3 and Llama 3.2 1B/3B models without tool use at all); the copy consulted did not show the Llama 3.3 row,
     * so every Llama model is treated alike. A request that offers them tools therefore goes through Converse, and its
     * reply reaches the sink in one piece.
     */
    static boolean needsConverseForTools(String modelId) {
        return modelId.toLowerCase(Locale.ROOT).contains("meta.llama");
    }

    /**
     * Only Anthropic Claude (3 and later) and Amazon Nova take {@code toolResult.status}; Bedrock refuses the field for
     * the others (API reference, ToolResultBlock:
     * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolResultBlock.html).
     */
    static boolean acceptsToolResultStatus(String modelId) {
        String id = modelId.toLowerCase(Locale.ROOT);
        return id.contains("anthropic.claude") || id.contains("amazon.nova");
    }
}
