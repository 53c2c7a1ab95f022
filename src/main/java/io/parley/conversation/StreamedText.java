package io.parley.conversation;

import io.parley.llm.DeltaSink;
import java.time.Duration;

/**
 * Passes each piece of a reply on as it arrives, remembering what was shown, so that a turn knows what the customer
 * saw; stops the model once the reply reaches {@link #MAX_REPLY_LENGTH}. Used on the turn's thread only.
 */
class StreamedText implements DeltaSink {

    /**
     * The longest reply kept, in characters: well past any support answer, and well inside what the store keeps, so
     * that a runaway model can neither flood a customer nor produce a reply that cannot be stored.
     */
    static final int MAX_REPLY_LENGTH = 8_000;

    /** Where the pieces go: the conversation's listeners, or nowhere (the playground reads the whole text). */
    interface Target {
        void piece(String text);

        void restart();

        Target NONE = new Target() {
            @Override
            public void piece(String text) {}

            @Override
            public void restart() {}
        };
    }

    private final Target target;
    private final ChatMetrics metrics;
    private final long startedAt = System.nanoTime();
    private final StringBuilder text = new StringBuilder();
    private boolean firstPieceTimed;

    StreamedText(Target target, ChatMetrics metrics) {
        this.target = target;
        this.metrics = metrics;
    }

    /** Stops the model once the reply has reached {@link #MAX_REPLY_LENGTH}. */
    static final class LongEnough extends RuntimeException {
        LongEnough() {
            super("reply long enough", null, false, false);
        }
    }

    @Override
    public void onDelta(String piece) {
        if (piece == null || piece.isEmpty()) {
            return;
        }
        int room = MAX_REPLY_LENGTH - text.length();
        if (room <= 0) {
            throw new LongEnough();
        }
        if (piece.length() > room) {
            piece = piece.substring(0, room);
        }
        if (!firstPieceTimed) {
            firstPieceTimed = true;
            metrics.firstDelta(elapsed());
        }
        text.append(piece);
        target.piece(piece);
    }

    @Override
    public void discard() {
        if (!text.isEmpty()) {
            text.setLength(0);
            target.restart();
        }
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    boolean started() {
        return !text.isEmpty();
    }

    String text() {
        return text.toString();
    }
}
