package io.parley.conversation.web;

import io.parley.conversation.ChatEngine;
import io.parley.tenant.Organization;
import io.parley.tenant.OrganizationId;
import io.parley.tenant.Organizations;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Reads a chat connection's request before it opens: the query's parameters, and whether the page's origin is one
 * the organization allows. The handler refuses what is wrong with an error frame and a close, which a browser script
 * can read (an HTTP 403 on the upgrade looks to it like a network failure, and the widget would keep retrying).
 */
class ChatHandshake implements HandshakeInterceptor {

    private static final String REQUEST = "parley.request";

    /**
     * What the client asked for; {@code organization} is null for an unknown site key, or when the store could not be
     * asked ({@code storeUnavailable}).
     */
    record Request(
            OrganizationId organization,
            boolean storeUnavailable,
            boolean originAllowed,
            String visitorToken,
            String conversationId,
            long afterSeq,
            String clientAddress) {}

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
        attributes.put(
                REQUEST,
                new Request(
                        organization.map(Organization::id).orElse(null),
                        storeUnavailable,
                        originAllowed,
                        blankToNull(query.getFirst("visitorToken")),
                        blankToNull(query.getFirst("conversationId")),
                        afterSeq(query.getFirst("afterSeq")),
                        request.getRemoteAddress() == null
                                ? "unknown"
                                : request.getRemoteAddress().getAddress().getHostAddress()));
        return true;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception exception) {}

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
