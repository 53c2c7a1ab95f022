package io.parley.ids;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * UUIDs of version 7 (RFC 9562 §5.7): the creation time in milliseconds first, then 74 random bits. Ids made one
 * after another sort after one another, so a B-tree index on them grows at its right edge instead of at random
 * places: a batch of new rows dirties a page or two rather than a page each, which is most of what the embedded
 * database spends on a write. As unguessable as a random UUID within a millisecond; they do reveal when they were
 * made, so they are only for records whose time is not a secret (messages carry theirs anyway).
 */
public final class TimeOrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedIds() {}

    /** A new version 7 UUID, as its usual 36-character text. */
    public static String next() {
        return next(System.currentTimeMillis()).toString();
    }

    static UUID next(long epochMillis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long high = (epochMillis << 16) | 0x7000L | ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL);
        long low = 0x8000_0000_0000_0000L | (random[2] & 0x3FL) << 56;
        for (int i = 3; i < 10; i++) {
            low |= (random[i] & 0xFFL) << (8 * (9 - i));
        }
        return new UUID(high, low);
    }
}
