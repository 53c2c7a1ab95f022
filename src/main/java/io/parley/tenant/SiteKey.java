package io.parley.tenant;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The public key a business puts on its web pages to open its chat. Not a secret: it only says which organization's
 * assistant to talk to; what may embed it is limited by the organization's allowed origins.
 */
public record SiteKey(String value) {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{4,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public SiteKey {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("a site key is 4 to 64 letters, digits, '-' or '_'");
        }
    }

    /** Whether text has the shape of a site key, so that garbage is rejected before any lookup. */
    public static boolean isWellFormed(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    public static SiteKey generate() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return new SiteKey("pk_" + HexFormat.of().formatHex(bytes));
    }

    @Override
    public String toString() {
        return value;
    }
}
