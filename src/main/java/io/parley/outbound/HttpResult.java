package io.parley.outbound;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The final answer to an {@link OutboundRequest}, after any redirects. The body was read in full, and is at most the
 * configured maximum size; a compressed response ({@code Content-Encoding: gzip}) has been unpacked.
 *
 * <p>The body is neither copied nor compared: records compare arrays by identity.
 *
 * @param finalUrl the address that gave this answer: the request's own, or where its redirects led
 * @param status the HTTP status code, which may be any (see {@link #isSuccess()})
 * @param contentType the {@code Content-Type} header as sent, or null when there was none
 * @param headers the response headers, with lower-case names, each with its values in the order they came
 * @param body the response body; empty, never null, when there was none
 */
public record HttpResult(
        URI finalUrl, int status, @Nullable String contentType, Map<String, List<String>> headers, byte[] body) {

    public HttpResult {
        Objects.requireNonNull(finalUrl, "finalUrl");
        Objects.requireNonNull(body, "body");
        Map<String, List<String>> lowerCase = new LinkedHashMap<>();
        headers.forEach((name, values) -> lowerCase
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> new ArrayList<>())
                .addAll(values));
        lowerCase.replaceAll((name, values) -> List.copyOf(values));
        headers = Collections.unmodifiableMap(lowerCase);
    }

    /** A 2xx status. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The first value of a header, by a name in any case. */
    public Optional<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream()
                .findFirst();
    }
}
