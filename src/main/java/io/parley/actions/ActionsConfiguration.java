package io.parley.actions;

import io.parley.conversation.OfferedTool;
import io.parley.conversation.ToolSource;
import io.parley.conversation.Toolbox;
import io.parley.outbound.OutboundProperties;
import io.parley.outbound.SafeHttpClient;
import io.parley.security.SecretBox;
import io.parley.tenant.Organizations;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
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

    /** The actions' sealed header values, for an encryption-key rotation. */
    @Bean
    io.parley.security.SealedSecrets actionHeaders(JdbcClient jdbc, JsonMapper json) {
        return new SealedHeaders(jdbc, json);
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

    /**
     * The names an action may not take are those of every tool the engine offers the organization, and always the
     * engine's own ({@code transfer_to_human}, offered only while no source brings its own way to a person, but never
     * to be shadowed by an action). The {@link Toolbox} is looked up at each check: it is built from every
     * {@link ToolSource}, this feature's among them.
     */
    @Bean
    BusinessActions businessActions(
            ActionStore store, SecretBox secrets, ActionCaller caller, Clock clock, ObjectProvider<Toolbox> toolbox) {
        return new BusinessActions(store, secrets, caller, clock, organization -> Stream.concat(
                        toolbox.getIfAvailable(() -> Toolbox.NONE).offered(organization).stream(),
                        Toolbox.NONE.offered(organization).stream())
                .map(OfferedTool::name)
                .collect(Collectors.toSet()));
    }

    /** Declared as the port, so that the engine finds it among every {@link ToolSource} before it is created. */
    @Bean
    ToolSource actionTools(ActionStore store, ActionCaller caller, Organizations organizations) {
        return new ActionTools(store, caller, organizations);
    }
}
