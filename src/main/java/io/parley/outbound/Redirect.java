package io.parley.outbound;

import io.parley.outbound.OutboundException.Kind;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The next request when a site redirects, as a browser would make it, but without handing a request's credentials
 * to another site: a redirect to another origin keeps only the headers that say what kind of answer is wanted.
 */
final class Redirect {

    private static final Set<Integer> STATUSES = Set.of(301, 302, 303, 307, 308);
    private static final Set<String> HEADERS_FOR_ANY_ORIGIN = Set.of("accept", "accept-language", "content-type");

    private Redirect() {}

    static boolean isRedirect(int status) {
        return STATUSES.contains(status);
    }

    static OutboundRequest follow(OutboundRequest from, int status, String location) throws OutboundException {
        URI target;
        try {
            target = from.url().resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new OutboundException(Kind.BAD_URL, "the site redirected to an address that is not valid", e);
        }
        // 303 always, and 301/302 after a POST as every browser does, continue as a GET without the body.
        boolean becomesGet = (status == 303 && !from.method().equals("HEAD"))
                || ((status == 301 || status == 302) && from.method().equals("POST"));
        String method = becomesGet ? "GET" : from.method();
        byte[] body = becomesGet ? null : from.body();
        boolean sameOrigin = sameOrigin(from.url(), target);
        Map<String, String> headers = from.headers().entrySet().stream()
                .filter(header -> sameOrigin || HEADERS_FOR_ANY_ORIGIN.contains(lower(header.getKey())))
                .filter(header -> body != null || !lower(header.getKey()).equals("content-type"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return new OutboundRequest(method, target, headers, body);
    }

    private static boolean sameOrigin(URI a, URI b) {
        return lower(a.getScheme()).equals(lower(b.getScheme()))
                && lower(a.getHost()).equals(lower(b.getHost()))
                && port(a) == port(b);
    }

    private static int port(URI url) {
        return url.getPort() != -1 ? url.getPort() : lower(url.getScheme()).equals("https") ? 443 : 80;
    }

    private static String lower(String text) {
        return Objects.requireNonNullElse(text, "").toLowerCase(Locale.ROOT);
    }
}
