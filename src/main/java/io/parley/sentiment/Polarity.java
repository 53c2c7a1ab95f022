package io.parley.sentiment;

/** Which side of neutral a {@link Sentiment} falls on, by VADER's standard thresholds. */
public enum Polarity {
    NEGATIVE,
    NEUTRAL,
    POSITIVE
}
