package io.parley.conversation;

import io.parley.llm.DeltaSink;
import io.parley.llm.LanguageModel;
import io.parley.llm.ModelCapabilities;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelRequest;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A language model whose every call follows the next queued script, or by default answers "Reply to: <question>" in
 * three pieces. Records every request.
 */
final class ScriptedModel implements LanguageModel {

    /** What one call does. */
    @FunctionalInterface
    interface Script {
        ModelReply run(ModelRequest request, DeltaSink sink) throws Exception;
    }

    private final ConcurrentLinkedQueue<Script> scripts = new ConcurrentLinkedQueue<>();
    private final List<ModelRequest> requests = new CopyOnWriteArrayList<>();

    static ModelReply answer(String text, DeltaSink sink) {
        int third = Math.max(1, text.length() / 3);
        for (int i = 0; i < text.length(); i += third) {
            sink.onDelta(text.substring(i, Math.min(text.length(), i + third)));
        }
        return ModelReply.text(text, ModelReply.Usage.reported(10, 5), "scripted", "scripted-model");
    }

    private volatile String summary = "A summary.";

    /** Answers summary requests (those with the summarizer's instructions) with this text, whatever is queued. */
    ScriptedModel summarizeWith(String text) {
        this.summary = text;
        return this;
    }

    /** Requests for replies, leaving out summaries. */
    List<ModelRequest> replyRequests() {
        return requests.stream()
                .filter(r -> !r.systemPrompt().equals(Summarizer.INSTRUCTIONS))
                .toList();
    }

    List<ModelRequest> summaryRequests() {
        return requests.stream()
                .filter(r -> r.systemPrompt().equals(Summarizer.INSTRUCTIONS))
                .toList();
    }

    ScriptedModel then(Script script) {
        scripts.add(script);
        return this;
    }

    List<ModelRequest> requests() {
        return requests;
    }

    @Override
    public String id() {
        return "scripted";
    }

    @Override
    public ModelCapabilities capabilities() {
        return ModelCapabilities.STREAMING_WITH_TOOLS;
    }

    @Override
    public ModelReply generate(ModelRequest request, DeltaSink sink) {
        requests.add(request);
        if (request.systemPrompt().equals(Summarizer.INSTRUCTIONS)) {
            return ModelReply.text(summary, ModelReply.Usage.reported(200, 40), "scripted", "scripted-model");
        }
        Script script = scripts.poll();
        try {
            return script == null ? answer("Reply to: " + request.question(), sink) : script.run(request, sink);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
