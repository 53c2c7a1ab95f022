package io.parley.outbound;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on every request the platform makes to addresses tenants give it (web pages to import, later their own HTTP
 * actions).
 *
 * @param allowedNetworks private or reserved CIDR networks that may be reached all the same (an intranet; 127.0.0.1/32
 *     in tests); public addresses are always allowed, and nothing else is by default
 * @param connectTimeout the longest to wait for a connection, TLS handshake included
 * @param timeout the longest one request may take, redirects and reading the body included
 * @param maxResponseSize the largest body read; a larger one is refused while it streams in, not after
 */
@ConfigurationProperties("parley.outbound")
public record OutboundProperties(
        @DefaultValue List<String> allowedNetworks,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("15s") Duration timeout,
        @DefaultValue("10MB") DataSize maxResponseSize) {

    public OutboundProperties {
        allowedNetworks = allowedNetworks == null ? List.of() : List.copyOf(allowedNetworks);
        try {
            new AddressPolicy(allowedNetworks);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parley.outbound.allowed-networks: " + e.getMessage());
        }
        if (!isPositive(connectTimeout) || !isPositive(timeout)) {
            throw new IllegalArgumentException("parley.outbound.connect-timeout and timeout must be positive");
        }
        if (maxResponseSize == null || maxResponseSize.toBytes() <= 0) {
            throw new IllegalArgumentException("parley.outbound.max-response-size must be positive");
        }
    }

    /** The defaults: public addresses only, 5 s to connect, 15 s in all, 10 MB. */
    public static OutboundProperties defaults() {
        return new OutboundProperties(
                List.of(), Duration.ofSeconds(5), Duration.ofSeconds(15), DataSize.ofMegabytes(10));
    }

    private static boolean isPositive(Duration duration) {
        return duration != null && duration.isPositive();
    }
}
