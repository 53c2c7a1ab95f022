package io.parley.llm;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries each model in order until one replies. A model's {@link ModelException} passes to the next one only while
 * nothing of its reply has reached the sink: once the customer has seen part of a reply, starting another would
 * garble it, so the failure is rethrown. The chain as a whole honours the request's timeout: each model gets what
 * is left of it. An interrupted caller is not passed on either.
 *
 * <p>{@link #id()} and {@link #capabilities()} are those of the first model. Thread-safe if the models are.
 */
final class FallbackLanguageModel implements LanguageModel {

    private static final Logger log = LoggerFactory.getLogger(FallbackLanguageModel.class);

    private final List<LanguageModel> chain;

    FallbackLanguageModel(List<LanguageModel> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a fallback chain needs at least one model");
        }
        this.chain = List.copyOf(chain);
    }

    @Override
    public String id() {
        return chain.getFirst().id();
    }

    @Override
    public ModelCapabilities capabilities() {
        return chain.getFirst().capabilities();
    }

    @Override
    public ModelReply generate(ModelRequest request, DeltaSink sink) {
        long deadline = System.nanoTime() + request.timeout().toNanos();
        ModelRequest attempt = request;
        ModelException failure = null;
        for (LanguageModel model : chain) {
            var watched = new WatchedSink(sink);
            try {
                ModelReply reply = model.generate(attempt, watched);
                if (failure != null) {
                    log.info("Model {} answered after the chain's earlier models failed", model.id());
                }
                return reply;
            } catch (ModelException e) {
                if (failure != null) {
                    e.addSuppressed(failure);
                }
                failure = e;
                Duration left = Duration.ofNanos(deadline - System.nanoTime());
                if (watched.used || Thread.currentThread().isInterrupted() || left.isNegative() || left.isZero()) {
                    throw e;
                }
                log.warn("Model {} failed ({}), trying the next in the fallback chain", model.id(), e.kind());
                attempt = new ModelRequest(
                        request.organization(), request.systemPrompt(), request.history(), request.grounding(), left);
            }
        }
        throw failure;
    }

    /** Remembers whether a piece of the reply went through. Used on the caller's thread only. */
    private static final class WatchedSink implements DeltaSink {
        private final DeltaSink target;
        private boolean used;

        WatchedSink(DeltaSink target) {
            this.target = target;
        }

        @Override
        public void onDelta(String text) {
            used = true;
            target.onDelta(text);
        }
    }
}
