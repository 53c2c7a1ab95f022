package io.parley.redaction;

import java.util.Objects;

/**
 * One piece of personal data found in a text.
 *
 * @param kind what it is
 * @param start the index of its first char in the text
 * @param end the index after its last char
 */
public record Finding(PiiKind kind, int start, int end) {

    public Finding {
        Objects.requireNonNull(kind, "kind");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("a finding spans at least one char");
        }
    }
}
