package io.parley.conversation.jdbc;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Keeps customers' messages out of the logs when PostgreSQL fails: its driver otherwise puts a failed statement's
 * values (the message text) into exception messages, which the connection pool and Spring log. Set in the
 * environment, before any bean exists, and only for PostgreSQL URLs (H2 refuses settings it does not know).
 */
class PostgresErrorDetail implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "spring.datasource.hikari.data-source-properties.logServerErrorDetail";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty("spring.datasource.url", "");
        if (url.startsWith("jdbc:postgresql:") && !environment.containsProperty(PROPERTY)) {
            environment
                    .getPropertySources()
                    .addLast(new MapPropertySource("parley-postgres", Map.of(PROPERTY, "false")));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after the configuration files, so the URL is known
    }
}
