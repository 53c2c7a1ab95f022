package io.parley.actions;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An action's address: an absolute http(s) URL whose path and query may hold {@code {name}} placeholders, each
 * replaced by an argument, URL-encoded. Placeholders may not stand in the scheme, host or port: the model chooses
 * arguments, and a customer can talk the model into any value, so the business alone decides which site gets the
 * call (and its secret headers).
 */
final class UrlTemplate {

    static final int MAX_LENGTH = 2000;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.-]{1,64})}");

    private final String template;
    private final Set<String> placeholders;

    private UrlTemplate(String template, Set<String> placeholders) {
        this.template = template;
        this.placeholders = placeholders;
    }

    /** The template, or why it is not one (a message for the member who wrote it). */
    static Result parse(String text) {
        String template = text == null ? "" : text.strip();
        if (template.isEmpty() || template.length() > MAX_LENGTH) {
            return Result.error("Enter the address to call, up to " + MAX_LENGTH + " characters.");
        }
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        int firstPlaceholder = -1;
        while (m.find()) {
            names.add(m.group(1));
            firstPlaceholder = firstPlaceholder < 0 ? m.start() : firstPlaceholder;
        }
        String filled = m.replaceAll("x");
        if (filled.indexOf('{') >= 0 || filled.indexOf('}') >= 0) {
            return Result.error("Write each argument in the address as {name}: letters, digits, _ . or -.");
        }
        URI uri;
        try {
            uri = new URI(filled);
        } catch (URISyntaxException e) {
            return Result.error("This is not a valid web address.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.isOpaque()) {
            return Result.error("Enter an absolute http or https address, like https://api.example.com/orders/{id}.");
        }
        if (uri.getRawUserInfo() != null) {
            return Result.error("Put credentials in a header, not in the address.");
        }
        if (uri.getRawFragment() != null) {
            return Result.error("The address cannot have a #fragment.");
        }
        if (firstPlaceholder >= 0 && firstPlaceholder < endOfAuthority(template)) {
            return Result.error("Arguments can only go in the address's path or query, not in its site name or port.");
        }
        return new Result(Optional.of(new UrlTemplate(template, Set.copyOf(names))), null);
    }

    /** A template, or the reason there is none. */
    record Result(Optional<UrlTemplate> template, String error) {
        static Result error(String message) {
            return new Result(Optional.empty(), message);
        }
    }

    Set<String> placeholders() {
        return placeholders;
    }

    /**
     * The address with each placeholder replaced by its value, URL-encoded, and the query parameters appended.
     *
     * @param values the text of each placeholder's argument; every placeholder has one
     * @throws IllegalArgumentException when the result is not a valid address
     */
    URI expand(Function<String, String> values, Map<String, String> query) {
        StringBuilder out = new StringBuilder(PLACEHOLDER
                .matcher(template)
                .replaceAll(match -> Matcher.quoteReplacement(encode(values.apply(match.group(1))))));
        String separator = out.indexOf("?") >= 0 ? "&" : "?";
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            out.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = "&";
        }
        return URI.create(out.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Where the path (or the query) begins: after {@code scheme://host:port}. */
    private static int endOfAuthority(String template) {
        int start = template.indexOf("://");
        start = start < 0 ? 0 : start + 3;
        for (int i = start; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '/' || c == '?') {
                return i;
            }
        }
        return template.length();
    }
}
