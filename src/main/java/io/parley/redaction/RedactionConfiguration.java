package io.parley.redaction;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The redactor and each organization's settings; the chat engine finds them through its {@code Redaction} port. */
@Configuration(proxyBeanMethods = false)
class RedactionConfiguration {

    @Bean
    Redactor redactor() {
        return new Redactor();
    }

    @Bean
    OrganizationRedaction organizationRedaction(RedactionSettingsStore store, Redactor redactor, Clock clock) {
        return new OrganizationRedaction(store, redactor, clock);
    }
}
