package io.parley.sentiment;

/**
 * The sentiment of one text: VADER's compound score, from -1 (most negative) to +1 (most positive), rounded to four
 * decimals as VADER publishes it.
 *
 * <p>{@link #label()} applies the thresholds the VADER authors recommend: {@code <= -0.05} is negative, {@code >= 0.05}
 * is positive, anything between is neutral. A text with no sentiment-bearing English word scores exactly 0.
 */
public record Sentiment(double compound) {

    /** At or below this compound score a text is {@link Polarity#NEGATIVE}. */
    public static final double NEGATIVE_THRESHOLD = -0.05;

    /** At or above this compound score a text is {@link Polarity#POSITIVE}. */
    public static final double POSITIVE_THRESHOLD = 0.05;

    public static final Sentiment NEUTRAL = new Sentiment(0.0);

    public Sentiment {
        // The negated form also rejects NaN.
        if (!(compound >= -1.0 && compound <= 1.0)) {
            throw new IllegalArgumentException("compound sentiment must be a number from -1 to 1, was " + compound);
        }
    }

    public Polarity label() {
        if (compound <= NEGATIVE_THRESHOLD) {
            return Polarity.NEGATIVE;
        }
        if (compound >= POSITIVE_THRESHOLD) {
            return Polarity.POSITIVE;
        }
        return Polarity.NEUTRAL;
    }
}
