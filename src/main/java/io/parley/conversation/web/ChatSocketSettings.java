package io.parley.conversation.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The chat WebSocket's own limits, beside the engine's message rate limit.
 *
 * @param framesPerTenSeconds how many frames of any kind (messages, typing, pings, junk) one connection may send in
 *     ten seconds before its frames are refused with 429
 * @param idleTimeout how long a connection may stay silent before the server closes it (the widget pings every 25 s)
 * @param sendTimeLimit how long sending one frame to a client may block before the client is dropped as too slow
 * @param sendBufferBytes how much may queue for a client that reads slowly before it is dropped
 * @param authenticationTimeout how long a client that authenticates in its first frame may take to send it before
 *     the connection is refused
 */
@ConfigurationProperties("parley.chat.socket")
record ChatSocketSettings(
        @DefaultValue("30") int framesPerTenSeconds,
        @DefaultValue("90s") Duration idleTimeout,
        @DefaultValue("10s") Duration sendTimeLimit,
        @DefaultValue("524288") int sendBufferBytes,
        @DefaultValue("5s") Duration authenticationTimeout) {}
