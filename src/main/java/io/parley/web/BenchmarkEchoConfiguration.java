package io.parley.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * {@code /ws/echo}: a bare WebSocket echo in the same server, the benchmarks' baseline for what this machine can do
 * at all. It exists only when {@code parley.bench.echo-endpoint=true}, which nothing but the benchmark sets.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "parley.bench.echo-endpoint", havingValue = "true")
@EnableWebSocket
class BenchmarkEchoConfiguration implements WebSocketConfigurer {

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new Echo(), "/ws/echo").setAllowedOriginPatterns("*");
    }

    private static final class Echo extends TextWebSocketHandler {
        @Override
        protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
            session.sendMessage(message);
        }
    }
}
