package io.parley.outbound;

import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request to make through {@link SafeHttpClient}: importing a page now, calling a business's own HTTP
 * action later. Header names are matched without regard to case; the ones that frame the message on the wire
 * ({@code Host}, {@code Content-Length}, {@code Transfer-Encoding}, {@code Connection}, …) are the client's to set, and
 * are refused here, as are values with line breaks (they would let a value smuggle in headers of its own).
 *
 * <p>The body is neither copied nor compared: records compare arrays by identity. Do not change it after sending.
 *
 * @param method an HTTP method, such as {@code GET} or {@code POST} (upper-cased here)
 * @param url the absolute http(s) address; whether it may be reached is decided when it is sent
 * @param headers extra request headers; never null
 * @param body the request body, or null for none
 */
public record OutboundRequest(String method, URI url, Map<String, String> headers, byte @Nullable [] body) {

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Headers that frame the message or route it: the client's to set, never a caller's (lower case). */
    public static final Set<String> FRAMING_HEADERS = Set.of(
            "host",
            "content-length",
            "transfer-encoding",
            "connection",
            "keep-alive",
            "upgrade",
            "te",
            "trailer",
            "expect",
            "proxy-connection",
            "proxy-authorization");

    public OutboundRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        method = method.toUpperCase(Locale.ROOT);
        if (!TOKEN.matcher(method).matches()) {
            throw new IllegalArgumentException("not an HTTP method: " + method);
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        Set<String> seen = new HashSet<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!TOKEN.matcher(name).matches() || FRAMING_HEADERS.contains(lower) || !seen.add(lower)) {
                throw new IllegalArgumentException("header not allowed, or given twice: " + name);
            }
            if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw new IllegalArgumentException("header " + name + " has a line break in its value");
            }
        });
    }

    /** A plain GET with no extra headers. */
    public static OutboundRequest get(URI url) {
        return new OutboundRequest("GET", url, Map.of(), null);
    }
}
