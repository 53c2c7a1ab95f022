package io.parley.llm;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health}'s {@code llm} component: each provider's state (up, circuit open, misconfigured) and why,
 * in plain words. The component stays UP while any provider is: customers are still answered, by the fallback chain
 * or the organization's fallback message, so a load balancer must not take the node out for it.
 */
@Component("llm")
class ProviderHealthIndicator implements HealthIndicator {

    private final ProviderRegistry registry;

    ProviderHealthIndicator(ProviderRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Health health() {
        Map<String, Object> providers = new LinkedHashMap<>();
        registry.health().forEach((id, status) -> {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("state", status.state().wireName());
            detail.put("why", status.why());
            if (status.since() != null) {
                detail.put("since", status.since().toString());
            }
            providers.put(id, detail);
        });
        return Health.up()
                .withDetail("default", registry.defaultModel().id())
                .withDetail("providers", providers)
                .build();
    }
}
