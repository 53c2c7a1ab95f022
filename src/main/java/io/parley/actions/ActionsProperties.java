package io.parley.actions;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on calls to the business's own HTTP actions. Which addresses they may reach is
 * {@code parley.outbound.allowed-networks}, as for every outbound request.
 *
 * @param timeout the longest one call may take, redirects and reading the answer included
 * @param maxResponseBytes the largest answer read; a larger one is cut off while it streams in and the call fails
 */
@ConfigurationProperties("parley.actions")
public record ActionsProperties(
        @DefaultValue("10s") Duration timeout, @DefaultValue("256KB") DataSize maxResponseBytes) {

    public ActionsProperties {
        if (timeout == null || !timeout.isPositive()) {
            throw new IllegalArgumentException("parley.actions.timeout must be positive");
        }
        if (maxResponseBytes == null || maxResponseBytes.toBytes() <= 0) {
            throw new IllegalArgumentException("parley.actions.max-response-bytes must be positive");
        }
    }
}
