package io.parley.outbound;

import java.time.Duration;
import java.util.Locale;
import org.springframework.util.unit.DataSize;

/**
 * An outbound request that was refused or that failed. {@link #getMessage()} is short plain English that a business
 * owner can read next to the address they gave ("HTTP 404", "the site did not answer within 15 s"); it never holds a
 * stack trace, a class name, an address we resolved a name to, or anything the remote site said.
 */
public final class OutboundException extends Exception {

    /** Why the request did not give a usable answer. */
    public enum Kind {
        /** The address is, or resolves to, a private, loopback, link-local or otherwise non-public network. */
        BLOCKED_ADDRESS,
        /** The response is larger than the platform accepts. */
        TOO_LARGE,
        /** The site did not connect or answer in time. */
        TIMEOUT,
        /** The site redirected more times than we follow. */
        TOO_MANY_REDIRECTS,
        /** The address is not an http(s) web address we can fetch. */
        BAD_URL,
        /** The site answered, but not with a success status (see {@link SafeHttpClient#get}). */
        HTTP_ERROR,
        /** The site could not be reached: unknown name, connection refused or reset, failed TLS handshake. */
        UNREACHABLE,
        /** The site answered, but what it sent cannot be read as what was expected (a sitemap that is not XML). */
        BAD_CONTENT
    }

    private final Kind kind;

    public OutboundException(Kind kind, String message) {
        this(kind, message, null);
    }

    public OutboundException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static OutboundException tooLarge(long maxBytes) {
        return new OutboundException(Kind.TOO_LARGE, "the page is larger than " + readable(maxBytes));
    }

    static OutboundException timeout(Duration limit, Throwable cause) {
        return new OutboundException(Kind.TIMEOUT, "the site did not answer within " + readable(limit), cause);
    }

    static OutboundException httpError(int status) {
        return new OutboundException(Kind.HTTP_ERROR, "HTTP " + status);
    }

    /** "10 MB", "64 KB", "1500 bytes": binary units, as Spring's {@link DataSize} reads them. */
    static String readable(long bytes) {
        if (bytes >= DataSize.ofMegabytes(1).toBytes()
                && bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
            return DataSize.ofBytes(bytes).toMegabytes() + " MB";
        }
        if (bytes >= DataSize.ofKilobytes(1).toBytes()
                && bytes % DataSize.ofKilobytes(1).toBytes() == 0) {
            return DataSize.ofBytes(bytes).toKilobytes() + " KB";
        }
        return bytes + " bytes";
    }

    /** "15 s", "300 ms", "1.5 s". */
    static String readable(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
