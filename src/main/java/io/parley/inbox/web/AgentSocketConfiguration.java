package io.parley.inbox.web;

import io.parley.conversation.ChatEngine;
import io.parley.inbox.Inbox;
import io.parley.inbox.Presence;
import io.parley.security.AccessTokens;
import io.parley.tenant.SignedInMember;
import io.parley.web.MemberAccess;
import io.parley.web.Outbox;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inbox's live connection: {@code /ws/agent?accessToken=…} for API clients, and {@code /console/ws/agent} for the
 * console, where the session cookie signs the member in (the console's security chain has already checked it). Only
 * pages of this server may open either (the same-origin check of Spring's WebSocket support).
 */
@Configuration(proxyBeanMethods = false)
class AgentSocketConfiguration implements WebSocketConfigurer {

    private static final String MEMBER = "parley.member";
    private static final String CONNECTION = "parley.agent";
    private static final int SEND_BUFFER_CHARS = 4 * 1024 * 1024;

    private final ChatEngine engine;
    private final Inbox inbox;
    private final Presence presence;
    private final AccessTokens tokens;
    private final MemberAccess members;
    private final JsonMapper json;

    AgentSocketConfiguration(
            ChatEngine engine,
            Inbox inbox,
            Presence presence,
            AccessTokens tokens,
            MemberAccess members,
            JsonMapper json) {
        this.engine = engine;
        this.inbox = inbox;
        this.presence = presence;
        this.tokens = tokens;
        this.members = members;
        this.json = json;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new Handler(), "/ws/agent", "/console/ws/agent").addInterceptors(new Handshake());
    }

    /** Who is connecting: the console's signed-in member, or the one an access token in the query names. */
    private final class Handshake implements HandshakeInterceptor {
        @Override
        public boolean beforeHandshake(
                ServerHttpRequest request,
                ServerHttpResponse response,
                WebSocketHandler handler,
                Map<String, Object> attributes) {
            Optional<SignedInMember> member = SignedInMember.current()
                    .or(() -> fromToken(UriComponentsBuilder.fromUri(request.getURI())
                            .build()
                            .getQueryParams()
                            .getFirst("accessToken")));
            if (member.isEmpty()) {
                response.setStatusCode(org.springframework.http.HttpStatus.UNAUTHORIZED);
                return false;
            }
            attributes.put(MEMBER, member.get());
            return true;
        }

        @Override
        public void afterHandshake(
                ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception e) {}
    }

    private Optional<SignedInMember> fromToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            // With the member's current role; a removed member's token is refused.
            Jwt current =
                    (Jwt) members.authenticate(tokens.decoder().decode(token)).getPrincipal();
            return Optional.of(SignedInMember.fromToken(current));
        } catch (JwtException | AuthenticationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private final class Handler extends TextWebSocketHandler {
        @Override
        public void afterConnectionEstablished(WebSocketSession session) {
            SignedInMember member = (SignedInMember) session.getAttributes().get(MEMBER);
            Outbox outbox = new Outbox(session, SEND_BUFFER_CHARS, Duration.ofSeconds(10));
            var me = inbox.author(member);
            AgentConnection connection = new AgentConnection(outbox, inbox, json, member);
            session.getAttributes().put(CONNECTION, connection);
            connection.open(engine.events(), presence, me);
        }

        @Override
        protected void handleTextMessage(WebSocketSession session, TextMessage message) {
            ((AgentConnection) session.getAttributes().get(CONNECTION)).receive(message.getPayload(), message.isLast());
        }

        /** Frames longer than the container's 4 KB buffer (a long reply or note) arrive in parts, not as a close. */
        @Override
        public boolean supportsPartialMessages() {
            return true;
        }

        @Override
        public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
            AgentConnection connection =
                    (AgentConnection) session.getAttributes().get(CONNECTION);
            if (connection != null) {
                connection.closed();
            }
        }
    }
}
