package io.parley.llm.gemini;

import com.google.genai.types.Candidate;
import com.google.genai.types.FinishReason.Known;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.Part;
import io.parley.llm.ModelException;
import io.parley.llm.ModelException.Kind;
import io.parley.llm.ModelReply.FinishReason;
import io.parley.llm.ModelReply.Usage;
import io.parley.llm.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds one reply from the {@code GenerateContentResponse}s of a stream. Text parts go out as pieces as they come
 * (thought summaries, {@code thought: true}, are not part of the reply); {@code functionCall} parts arrive whole and
 * are kept; the usage of the last chunk that has one is the whole call's (Gemini reports running totals). A stream
 * that ends without a finish reason, and without a blocked prompt, broke off: {@link Kind#INVALID_RESPONSE}. Not
 * thread-safe: one per call.
 */
final class ReplyAssembler {

    /** What the stream said, besides the pieces already handed on. */
    record Result(
            String text,
            List<ToolCall> toolCalls,
            FinishReason finishReason,
            @Nullable String model,
            @Nullable Usage usage) {}

    private final String providerId;
    private final JsonMapper json;
    private final StringBuilder text = new StringBuilder();
    private final List<ToolCall> calls = new ArrayList<>();
    private @Nullable Known finish;
    private boolean blocked;
    private @Nullable String model;
    private @Nullable Usage usage;

    ReplyAssembler(String providerId, JsonMapper json) {
        this.providerId = providerId;
        this.json = json;
    }

    /** Takes one chunk; its text pieces go to {@code pieces} in order. */
    void accept(GenerateContentResponse chunk, Consumer<String> pieces) {
        chunk.modelVersion().filter(version -> !version.isBlank()).ifPresent(version -> model = version);
        chunk.usageMetadata().ifPresent(this::usage);
        if (chunk.promptFeedback().flatMap(feedback -> feedback.blockReason()).isPresent()) {
            blocked = true;
        }
        List<Candidate> candidates = chunk.candidates().orElse(List.of());
        if (candidates.isEmpty()) {
            return;
        }
        Candidate candidate = candidates.getFirst();
        for (Part part : candidate.content().flatMap(content -> content.parts()).orElse(List.of())) {
            if (part.thought().orElse(false)) {
                continue;
            }
            String piece = part.text().orElse("");
            if (!piece.isEmpty()) {
                text.append(piece);
                pieces.accept(piece);
            }
            part.functionCall().ifPresent(this::call);
        }
        candidate.finishReason().ifPresent(reason -> finish = reason.knownEnum());
    }

    /** The reply, once the stream has ended. */
    Result finish() {
        FinishReason reason;
        if (finish != null) {
            reason = calls.isEmpty() ? finishReason(finish) : FinishReason.TOOL_CALLS;
        } else if (blocked) {
            reason = FinishReason.CONTENT_FILTERED;
        } else {
            throw new ModelException(
                    Kind.INVALID_RESPONSE,
                    "provider '" + providerId + "': the stream ended before the reply was complete");
        }
        return new Result(text.toString(), List.copyOf(calls), reason, model, usage);
    }

    private void call(FunctionCall call) {
        String name = call.name().orElse("");
        if (name.isBlank()) {
            throw new ModelException(
                    Kind.INVALID_RESPONSE, "provider '" + providerId + "': a function call came without a name");
        }
        // The Developer API usually sends no id; the engine needs one to match the result to the call.
        String id = call.id().filter(given -> !given.isBlank()).orElse("call_" + calls.size());
        Map<String, Object> args = call.args().orElse(Map.of());
        calls.add(new ToolCall(id, name, json.writeValueAsString(args)));
    }

    private void usage(GenerateContentResponseUsageMetadata metadata) {
        if (metadata.promptTokenCount().isEmpty()) {
            return;
        }
        // Thinking tokens are written, and billed, as output; the candidates count leaves them out.
        long output = metadata.candidatesTokenCount().orElse(0)
                + (long) metadata.thoughtsTokenCount().orElse(0);
        usage = new Usage(
                metadata.promptTokenCount().get(),
                output,
                metadata.cachedContentTokenCount().orElse(0),
                false);
    }

    private static FinishReason finishReason(Known reason) {
        return switch (reason) {
            case STOP -> FinishReason.STOP;
            case MAX_TOKENS -> FinishReason.MAX_TOKENS;
            case SAFETY,
                    RECITATION,
                    BLOCKLIST,
                    PROHIBITED_CONTENT,
                    SPII,
                    IMAGE_SAFETY,
                    IMAGE_PROHIBITED_CONTENT,
                    IMAGE_RECITATION -> FinishReason.CONTENT_FILTERED;
            default -> FinishReason.OTHER;
        };
    }
}
