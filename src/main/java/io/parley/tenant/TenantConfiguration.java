package io.parley.tenant;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.security.PasswordHashing;
import io.parley.security.PasswordHashingProperties;
import io.parley.security.SecretBox;
import io.parley.tenant.jdbc.JdbcTenantStore;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Wires the tenant feature. */
@Configuration(proxyBeanMethods = false)
class TenantConfiguration {

    @Bean
    TenantStore tenantStore(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json) {
        return new JdbcTenantStore(jdbc, transactions, json);
    }

    @Bean
    PasswordEncoder passwordEncoder(PasswordHashingProperties settings, MeterRegistry meters) {
        // Argon2id at OWASP's recommended cost (19 MiB, 2 iterations, 1 lane) or the configured stronger one.
        return new PasswordHashing(settings, meters);
    }

    @Bean
    Members members(TenantStore store, PasswordEncoder passwords, Clock clock) {
        return new Members(store, passwords, clock);
    }

    @Bean
    Organizations organizations(
            TenantStore store, PasswordEncoder passwords, SecretBox secrets, SignInLimits limits, Clock clock) {
        return new Organizations(store, passwords, secrets, new PromptComposer(), limits, clock);
    }

    /** The organizations' customer-signing secrets, for an encryption-key rotation. */
    @Bean
    io.parley.security.SealedSecrets customerSecrets(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        return new io.parley.security.SealedColumn(
                "customer-signing secrets", jdbc, "organizations", "id", "customer_secret");
    }
}
