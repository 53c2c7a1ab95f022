package io.parley.conversation.web;

import io.parley.conversation.ChatEngine;
import io.parley.conversation.Conversation;
import io.parley.conversation.ConversationId;
import io.parley.conversation.StoreUnavailableException;
import io.parley.conversation.Visitor;
import io.parley.conversation.VisitorId;
import io.parley.tenant.OrganizationId;
import io.parley.web.Outbox;
import io.parley.web.ProblemException;
import io.parley.web.ProblemType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /ws/chat}: opens each connection on the visitor's conversation (starting one when the client has none) and
 * passes frames to its {@link ChatConnection}. Text arrives in parts when a frame is larger than the container's
 * buffer, so an oversized frame is answered with an error instead of a dropped connection.
 *
 * <p>The visitor authenticates with the handshake (a token subprotocol, or the old {@code ?visitorToken=}) or, when
 * it offered {@value ChatHandshake#PROTOCOL} without a token, in its first frame ({@link ChatHandshake}).
 */
class ChatSocketHandler extends AbstractWebSocketHandler implements SubProtocolCapable {

    private static final String CONNECTION = "parley.connection";

    private final ChatEngine engine;
    private final VisitorAuthentication visitors;
    private final JsonMapper json;
    private final ChatSocketSettings settings;
    private final ConversationStarts starts;

    ChatSocketHandler(
            ChatEngine engine,
            VisitorAuthentication visitors,
            JsonMapper json,
            ChatSocketSettings settings,
            ConversationStarts starts) {
        this.engine = engine;
        this.starts = starts;
        this.visitors = visitors;
        this.json = json;
        this.settings = settings;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession raw) {
        Outbox outbox = new Outbox(raw, settings.sendBufferBytes(), settings.sendTimeLimit());
        ChatConnection connection = new ChatConnection(outbox, engine, json, settings.framesPerTenSeconds());
        raw.getAttributes().put(CONNECTION, connection);
        ChatHandshake.Request request = ChatHandshake.request(raw);
        if (request.storeUnavailable()) {
            connection.refuse(ProblemType.UNAVAILABLE.exception(
                    "We cannot reach our records right now. Try again shortly.", Duration.ofSeconds(5)));
            return;
        }
        if (request.organization() == null) {
            connection.refuse(ProblemType.NOT_FOUND.exception("No organization has this site key."));
            return;
        }
        if (!request.originAllowed()) {
            connection.refuse(
                    ProblemType.ORIGIN_NOT_ALLOWED.exception(
                            "This website is not among the organization's allowed origins. Add it under Install in the console."));
            return;
        }
        if (request.authenticateInFrame()) {
            connection.awaitAuthentication(
                    (token, conversationId, afterSeq) -> open(connection, request, token, conversationId, afterSeq),
                    settings.authenticationTimeout());
            return;
        }
        open(connection, request, request.visitorToken(), request.conversationId(), request.afterSeq());
    }

    @Override
    public List<String> getSubProtocols() {
        return List.of(ChatHandshake.PROTOCOL);
    }

    private void open(
            ChatConnection connection,
            ChatHandshake.Request request,
            String visitorToken,
            String conversationId,
            long afterSeq) {
        try {
            openConversation(connection, request, visitorToken, conversationId, afterSeq);
        } catch (ProblemException e) {
            connection.refuse(e);
        } catch (StoreUnavailableException e) {
            connection.refuse(ProblemType.UNAVAILABLE.exception(
                    "We cannot reach our records right now. Try again shortly.", Duration.ofSeconds(5)));
        }
    }

    private void openConversation(
            ChatConnection connection,
            ChatHandshake.Request request,
            String visitorToken,
            String conversationId,
            long afterSeq) {
        OrganizationId organization = request.organization();
        Visitor visitor;
        String token = visitorToken;
        if (token != null) {
            Optional<Visitor> verified = visitors.verify(token);
            if (verified.isEmpty()) {
                connection.refuse(ProblemType.UNAUTHORIZED.exception(
                        "The visitor token is not valid or has expired. Connect without it to start again."));
                return;
            }
            if (!verified.get().organization().equals(organization)) {
                connection.refuse(ProblemType.NOT_FOUND.exception("There is no such conversation for this visitor."));
                return;
            }
            visitor = verified.get();
        } else {
            visitor = new Visitor(organization, VisitorId.generate(), null);
            token = visitors.issue(visitor);
        }
        Conversation conversation;
        if (conversationId != null) {
            Optional<Conversation> found = parse(conversationId).flatMap(id -> engine.find(visitor, id));
            if (found.isEmpty()) {
                connection.refuse(ProblemType.NOT_FOUND.exception("There is no such conversation for this visitor."));
                return;
            }
            conversation = found.get();
        } else if (visitorToken != null) {
            conversation =
                    engine.resumeOrStart(visitor, null, () -> starts.admit(organization, request.clientAddress()));
        } else {
            starts.admit(organization, request.clientAddress());
            conversation = engine.start(visitor, null);
        }
        connection.open(visitor, conversation, token, afterSeq);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        ChatConnection connection = (ChatConnection) session.getAttributes().get(CONNECTION);
        connection.receive(message.getPayload(), message.isLast());
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        ChatConnection connection = (ChatConnection) session.getAttributes().get(CONNECTION);
        connection.receiveBinary(message.isLast());
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        ChatConnection connection = (ChatConnection) session.getAttributes().get(CONNECTION);
        if (connection != null) {
            connection.closed();
        }
    }

    private static Optional<ConversationId> parse(String id) {
        try {
            return Optional.of(new ConversationId(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
