package io.parley.actions;

/** How a stored header value is shown: never in full, only enough to tell two keys apart. */
final class HeaderSecrets {

    static final String MASK = "••••";
    /** Values shorter than this show nothing of themselves: four characters of a short secret are too many. */
    private static final int SHOW_TAIL_FROM = 16;

    private HeaderSecrets() {}

    static String mask(String value) {
        return value.length() >= SHOW_TAIL_FROM ? MASK + value.substring(value.length() - 4) : MASK;
    }

    static boolean looksMasked(String value) {
        return value.startsWith(MASK);
    }
}
