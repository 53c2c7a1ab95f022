package io.parley.conversation.web;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A client's end of a WebSocket for tests: every write blocks until {@link #release} is counted down (as a client that
 * stopped reading does); what was written and how it was closed are recorded.
 */
final class ClientSession implements WebSocketSession {
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch writeAttempts = new CountDownLatch(1);
    final List<String> written = new CopyOnWriteArrayList<>();
    volatile CloseStatus closedWith;

    @Override
    public void sendMessage(WebSocketMessage<?> message) {
        writeAttempts.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        written.add((String) message.getPayload());
    }

    @Override
    public boolean isOpen() {
        return closedWith == null;
    }

    @Override
    public void close() {
        close(CloseStatus.NORMAL);
    }

    @Override
    public void close(CloseStatus status) {
        closedWith = status;
    }

    @Override
    public String getId() {
        return "test-client";
    }

    @Override
    public URI getUri() {
        return URI.create("ws://localhost/ws/chat");
    }

    @Override
    public HttpHeaders getHandshakeHeaders() {
        return new HttpHeaders();
    }

    @Override
    public Map<String, Object> getAttributes() {
        return new ConcurrentHashMap<>();
    }

    @Override
    public Principal getPrincipal() {
        return null;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return null;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return null;
    }

    @Override
    public String getAcceptedProtocol() {
        return null;
    }

    @Override
    public void setTextMessageSizeLimit(int messageSizeLimit) {}

    @Override
    public int getTextMessageSizeLimit() {
        return 0;
    }

    @Override
    public void setBinaryMessageSizeLimit(int messageSizeLimit) {}

    @Override
    public int getBinaryMessageSizeLimit() {
        return 0;
    }

    @Override
    public List<WebSocketExtension> getExtensions() {
        return List.of();
    }
}
