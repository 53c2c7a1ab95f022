package io.parley.llm;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries each model in order until one replies, passing each the caller's request whole (only its timeout shrinks
 * to what is left of the caller's). When a model fails after part of its reply reached the sink, the sink is told
 * to {@link DeltaSink#discard() discard} it and the next model writes the reply from its start, so the customer
 * sees the answer restart cleanly rather than a broken one presented as finished. An interrupted caller, or one
 * whose time is up, gets the last failure.
 *
 * <p>{@link #id()} and {@link #capabilities()} are those of the first model; {@link ModelReply#provider()} says which
 * one answered. Thread-safe if the models are.
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

    List<LanguageModel> chain() {
        return chain;
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
                    log.info("Provider {} answered after the chain's earlier providers failed", model.id());
                }
                return reply;
            } catch (ModelException e) {
                if (failure != null) {
                    e.addSuppressed(failure);
                }
                failure = e;
                Duration left = Duration.ofNanos(deadline - System.nanoTime());
                if (Thread.currentThread().isInterrupted() || !left.isPositive()) {
                    throw e;
                }
                log.warn("Provider {} failed ({}), trying the next in the fallback chain", model.id(), e.kind());
                if (watched.used) {
                    sink.discard();
                }
                attempt = request.withTimeout(left);
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

        @Override
        public void discard() {
            used = false;
            target.discard();
        }
    }
}
