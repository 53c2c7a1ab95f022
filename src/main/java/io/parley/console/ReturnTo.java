package io.parley.console;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where to send a member after signing in: only a console path on this server, so a crafted link cannot turn the
 * sign-in page into an open redirect.
 */
final class ReturnTo {

    static final String HOME = "/console";
    private static final int MAX_LENGTH = 500;

    private ReturnTo() {}

    /** {@code next} when it is a console path on this server, otherwise the console's home. */
    static String safe(String next) {
        if (next == null
                || next.length() > MAX_LENGTH
                || !(next.equals(HOME) || next.startsWith(HOME + "/") || next.startsWith(HOME + "?"))
                || next.contains("\\")
                || next.contains("/../")
                || next.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            return HOME;
        }
        return next;
    }

    /** The sign-in page, remembering the page a GET request was going to. */
    static String signInFor(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return "/console/login";
        }
        String target =
                request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        String next = safe(target);
        return next.equals(HOME)
                ? "/console/login"
                : "/console/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }
}
