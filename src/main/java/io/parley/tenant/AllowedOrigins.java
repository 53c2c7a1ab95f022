package io.parley.tenant;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** The canonical form of a web origin, {@code scheme://host[:port]}, as browsers send it in the Origin header. */
public final class AllowedOrigins {

    private AllowedOrigins() {}

    /**
     * The origin of {@code text} (which may be a whole URL), or empty when it is not an http(s) origin. Default ports
     * are dropped, as browsers do.
     */
    public static Optional<String> canonical(String text) {
        if (text == null || text.isBlank() || text.length() > 255) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https"))
                    || uri.getHost() == null
                    || uri.getUserInfo() != null) {
                return Optional.empty();
            }
            int port = uri.getPort();
            boolean defaultPort =
                    port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return Optional.of(
                    scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
