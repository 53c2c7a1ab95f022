package io.parley.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may read the server's own figures.
 *
 * @param metricsToken the bearer token {@code /actuator/prometheus} requires; when unset, metrics are served to nobody
 *     (they name the JVM, routes, exception classes and sign-in outcomes). {@code /actuator/health} stays public.
 */
@ConfigurationProperties("parley.management")
record ManagementProperties(String metricsToken) {

    ManagementProperties {
        metricsToken = metricsToken == null || metricsToken.isBlank() ? null : metricsToken;
    }

    @Override
    public String toString() {
        return "ManagementProperties[metricsToken=" + (metricsToken == null ? "unset" : "set") + "]";
    }
}
