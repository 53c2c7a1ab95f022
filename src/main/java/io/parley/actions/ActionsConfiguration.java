package io.parley.actions;

import io.parley.conversation.ToolSource;
import io.parley.outbound.OutboundProperties;
import io.parley.outbound.SafeHttpClient;
import io.parley.security.SecretBox;
import io.parley.tenant.Organizations;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Wires the business's HTTP actions: their store, the caller with its own limits, the members' API and the tools. */
@Configuration(proxyBeanMethods = false)
class ActionsConfiguration {

    @Bean
    ActionStore actionStore(JdbcClient jdbc, JsonMapper json) {
        return new JdbcActionStore(jdbc, json);
    }

    /**
     * Its own {@link SafeHttpClient} (not a bean: the application's one is the knowledge import's), with the operator's
     * allowed networks and the actions' deadline and size cap.
     */
    @Bean(destroyMethod = "close")
    ActionCaller actionCaller(
            OutboundProperties outbound,
            ActionsProperties settings,
            SecretBox secrets,
            Organizations organizations,
            Clock clock) {
        Duration connect = outbound.connectTimeout().compareTo(settings.timeout()) < 0
                ? outbound.connectTimeout()
                : settings.timeout();
        var limits = new OutboundProperties(
                outbound.allowedNetworks(), connect, settings.timeout(), settings.maxResponseBytes());
        return new ActionCaller(
                new SafeHttpClient(limits),
                secrets,
                organizations::signWithCustomerSecret,
                clock,
                settings.maxResponseBytes());
    }

    @Bean
    BusinessActions businessActions(ActionStore store, SecretBox secrets, ActionCaller caller, Clock clock) {
        return new BusinessActions(store, secrets, caller, clock);
    }

    /** Declared as the port, so that the engine finds it among every {@link ToolSource} before it is created. */
    @Bean
    ToolSource actionTools(ActionStore store, ActionCaller caller, Organizations organizations) {
        return new ActionTools(store, caller, organizations);
    }
}
