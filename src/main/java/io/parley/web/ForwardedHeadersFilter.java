package io.parley.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Believes {@code X-Forwarded-*} headers only from {@code parley.security.trusted-proxies}. The client is the
 * rightmost address of {@code X-Forwarded-For} that is not itself a trusted proxy, so a client cannot pick its own
 * address by sending the header: a proxy appends what it saw. From any other peer the headers are ignored and the
 * peer is the client, which is what the per-address limits count.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ForwardedHeadersFilter extends OncePerRequestFilter {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private final List<IpAddressMatcher> proxies;

    ForwardedHeadersFilter(TrustedProxiesProperties properties) {
        this.proxies = properties.trustedProxies().stream()
                .map(ForwardedHeadersFilter::matcher)
                .toList();
    }

    private static IpAddressMatcher matcher(String cidr) {
        String address = cidr.contains("/") ? cidr.substring(0, cidr.indexOf('/')) : cidr;
        if (!isAddress(address.strip())) {
            throw new IllegalArgumentException(
                    "parley.security.trusted-proxies takes addresses or CIDR blocks, not " + cidr);
        }
        return new IpAddressMatcher(cidr.strip());
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (proxies.isEmpty() || !trusted(request.getRemoteAddr())) {
            chain.doFilter(request, response);
            return;
        }
        List<String> hops = values(request, "X-Forwarded-For");
        String client = request.getRemoteAddr();
        int index = hops.size();
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = unbracket(hops.get(i));
            if (!isAddress(hop)) {
                break; // not an address: the chain cannot be followed further
            }
            client = hop;
            index = i;
            if (!trusted(hop)) {
                break;
            }
        }
        List<String> protos = values(request, "X-Forwarded-Proto");
        String scheme = protos.isEmpty()
                ? request.getScheme()
                : protos.get(protos.size() == hops.size() && index < hops.size() ? index : 0)
                        .toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            scheme = request.getScheme();
        }
        List<String> hosts = values(request, "X-Forwarded-Host");
        List<String> ports = values(request, "X-Forwarded-Port");
        chain.doFilter(
                new Forwarded(
                        request,
                        client,
                        scheme,
                        hosts.isEmpty() ? null : hosts.getFirst(),
                        ports.isEmpty() ? -1 : port(ports.getFirst())),
                response);
    }

    private boolean trusted(String address) {
        if (!isAddress(address)) {
            return false;
        }
        for (IpAddressMatcher proxy : proxies) {
            if (proxy.matches(address)) {
                return true;
            }
        }
        return false;
    }

    /** A literal address, never a name: matching a name would look it up in the DNS. */
    static boolean isAddress(String value) {
        return value != null
                && (IPV4.matcher(value).matches() || IPV6.matcher(value).matches());
    }

    private static String unbracket(String hop) {
        return hop.startsWith("[") && hop.endsWith("]") ? hop.substring(1, hop.length() - 1) : hop;
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            return port > 0 && port < 65536 ? port : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static List<String> values(HttpServletRequest request, String header) {
        List<String> values = new ArrayList<>();
        for (String line : Collections.list(request.getHeaders(header))) {
            for (String value : line.split(",")) {
                if (!value.isBlank()) {
                    values.add(value.strip());
                }
            }
        }
        return values;
    }

    private static final class Forwarded extends HttpServletRequestWrapper {

        private final String client;
        private final String scheme;
        private final String host;
        private final int port;

        Forwarded(HttpServletRequest request, String client, String scheme, String forwardedHost, int forwardedPort) {
            super(request);
            this.client = client;
            this.scheme = scheme;
            String name = request.getServerName();
            int p = forwardedPort;
            if (forwardedHost != null && !forwardedHost.isBlank()) {
                int colon = forwardedHost.lastIndexOf(':');
                if (colon > 0 && !forwardedHost.endsWith("]") && forwardedHost.indexOf(':') == colon) {
                    name = forwardedHost.substring(0, colon);
                    p = p > 0 ? p : port(forwardedHost.substring(colon + 1));
                } else {
                    name = forwardedHost;
                }
            }
            this.host = name;
            this.port = p > 0
                    ? p
                    : forwardedHost != null || !scheme.equals(request.getScheme())
                            ? (scheme.equals("https") ? 443 : 80)
                            : request.getServerPort();
        }

        @Override
        public String getRemoteAddr() {
            return client;
        }

        @Override
        public String getRemoteHost() {
            return client;
        }

        @Override
        public String getScheme() {
            return scheme;
        }

        @Override
        public boolean isSecure() {
            return scheme.equals("https");
        }

        @Override
        public String getServerName() {
            return host;
        }

        @Override
        public int getServerPort() {
            return port;
        }

        @Override
        public StringBuffer getRequestURL() {
            StringBuffer url = new StringBuffer(scheme).append("://").append(host);
            if (!(scheme.equals("https") && port == 443) && !(scheme.equals("http") && port == 80)) {
                url.append(':').append(port);
            }
            return url.append(getRequestURI());
        }
    }
}
