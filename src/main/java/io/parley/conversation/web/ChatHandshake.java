package io.parley.conversation.web;

import io.parley.conversation.ChatEngine;
import io.parley.tenant.Organization;
import io.parley.tenant.OrganizationId;
import io.parley.tenant.Organizations;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Reads a chat connection's request before it opens: the query's parameters, and whether the page's origin is one
 * the organization allows. The handler refuses what is wrong with an error frame and a close, which a browser script
 * can read (an HTTP 403 on the upgrade looks to it like a network failure, and the widget would keep retrying).
 *
 * <p>The visitor token stays out of the URL (and so out of access logs and browser history) when the client offers the
 * subprotocol {@value #PROTOCOL}: it then sends the token in its first frame, or as a second offered subprotocol
 * {@value #TOKEN_PROTOCOL_PREFIX}{@code <token>} (a JWT's characters are all allowed in a subprotocol). The server
 * answers with {@value #PROTOCOL}. Old clients' {@code ?visitorToken=} keeps working.
 */
class ChatHandshake implements HandshakeInterceptor {

    private static final String REQUEST = "parley.request";
    /** The subprotocol of clients that keep the visitor token out of the URL. */
    static final String PROTOCOL = "parley.v1";
    /** A subprotocol offered only to carry the visitor token; never chosen. */
    static final String TOKEN_PROTOCOL_PREFIX = "parley.token.";

    /**
     * What the client asked for; {@code organization} is null for an unknown site key, or when the store could not be
     * asked ({@code storeUnavailable}). {@code authenticateInFrame} when the client offered {@value #PROTOCOL} with
     * no token: it authenticates in its first frame.
     */
    record Request(
            OrganizationId organization,
            boolean storeUnavailable,
            boolean originAllowed,
            String visitorToken,
            String conversationId,
            long afterSeq,
            String clientAddress,
            boolean authenticateInFrame) {}

    private final Organizations organizations;
    private final CustomerOrigins origins;

    ChatHandshake(Organizations organizations, CustomerOrigins origins) {
        this.organizations = organizations;
        this.origins = origins;
    }

    static Request request(WebSocketSession session) {
        return (Request) session.getAttributes().get(REQUEST);
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        var query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams();
        Optional<Organization> organization;
        boolean storeUnavailable = false;
        try {
            organization = Optional.ofNullable(query.getFirst("siteKey")).flatMap(organizations::bySiteKey);
        } catch (DataAccessException e) {
            organization = Optional.empty();
            storeUnavailable = true;
        }
        String ownOrigin = request.getURI().getScheme().replace("ws", "http") + "://"
                + request.getHeaders().getFirst(HttpHeaders.HOST);
        boolean originAllowed = organization.isEmpty()
                || origins.allowed(organization.get().id(), request.getHeaders().getOrigin(), ownOrigin);
        List<String> protocols = protocols(request);
        String protocolToken = protocols.stream()
                .filter(p -> p.startsWith(TOKEN_PROTOCOL_PREFIX))
                .map(p -> p.substring(TOKEN_PROTOCOL_PREFIX.length()))
                .filter(p -> !p.isBlank())
                .findFirst()
                .orElse(null);
        String visitorToken = protocolToken != null ? protocolToken : blankToNull(query.getFirst("visitorToken"));
        attributes.put(
                REQUEST,
                new Request(
                        organization.map(Organization::id).orElse(null),
                        storeUnavailable,
                        originAllowed,
                        visitorToken,
                        blankToNull(query.getFirst("conversationId")),
                        afterSeq(query.getFirst("afterSeq")),
                        request.getRemoteAddress() == null
                                ? "unknown"
                                : request.getRemoteAddress().getAddress().getHostAddress(),
                        visitorToken == null && protocols.contains(PROTOCOL)));
        return true;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {}

    /** The subprotocols offered, whether in one header or several. */
    private static List<String> protocols(ServerHttpRequest request) {
        return request.getHeaders().getOrEmpty(WebSocketHttpHeaders.SEC_WEBSOCKET_PROTOCOL).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .toList();
    }

    /** The {@code afterSeq} to replay from on connecting; live events only when absent or not a whole number ≥ 0. */
    private static long afterSeq(String value) {
        if (value == null || !value.matches("[0-9]{1,18}")) {
            return ChatEngine.LIVE_ONLY;
        }
        return Long.parseLong(value);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : decode(value);
    }

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
