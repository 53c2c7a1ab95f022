package io.parley.conversation.web;

import io.parley.conversation.ChatEngine;
import io.parley.tenant.Organizations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import tools.jackson.databind.json.JsonMapper;

/** Registers {@code /ws/chat} and sizes the WebSocket container for thousands of mostly idle chats. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class ChatSocketConfiguration implements WebSocketConfigurer {

    private final ChatEngine engine;
    private final VisitorAuthentication visitors;
    private final Organizations organizations;
    private final CustomerOrigins origins;
    private final JsonMapper json;
    private final ChatSocketSettings settings;
    private final ConversationStarts starts;

    ChatSocketConfiguration(
            ChatEngine engine,
            VisitorAuthentication visitors,
            Organizations organizations,
            CustomerOrigins origins,
            JsonMapper json,
            ChatSocketSettings settings,
            ConversationStarts starts) {
        this.engine = engine;
        this.visitors = visitors;
        this.organizations = organizations;
        this.origins = origins;
        this.json = json;
        this.settings = settings;
        this.starts = starts;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new ChatSocketHandler(engine, visitors, json, settings, starts), "/ws/chat")
                .addInterceptors(new ChatHandshake(organizations, origins))
                // Origins are checked per organization by the handshake interceptor.
                .setAllowedOriginPatterns("*");
    }

    /**
     * Small per-connection buffers keep memory per open chat low; larger frames arrive in parts. Connections that
     * stay silent longer than the idle timeout (the widget pings every 25 s) are closed, so clients that vanish
     * without closing do not linger.
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(4 * 1024);
        container.setMaxBinaryMessageBufferSize(1024);
        container.setMaxSessionIdleTimeout(settings.idleTimeout().toMillis());
        return container;
    }
}
