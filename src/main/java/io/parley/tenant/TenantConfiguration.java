package io.parley.tenant;

import io.parley.security.SecretBox;
import io.parley.tenant.jdbc.JdbcTenantStore;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
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
    PasswordEncoder passwordEncoder() {
        // Argon2id with Spring Security's current recommended cost (16 MiB, 2 iterations).
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    @Bean
    Members members(TenantStore store, PasswordEncoder passwords, Clock clock) {
        return new Members(store, passwords, clock);
    }

    @Bean
    Organizations organizations(TenantStore store, PasswordEncoder passwords, SecretBox secrets, Clock clock) {
        return new Organizations(
                store,
                passwords,
                secrets,
                new PromptComposer(),
                new LoginThrottle(5, Duration.ofMinutes(15), clock),
                clock);
    }

    /** The organizations' customer-signing secrets, for an encryption-key rotation. */
    @Bean
    io.parley.security.SealedSecrets customerSecrets(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        return new io.parley.security.SealedColumn(
                "customer-signing secrets", jdbc, "organizations", "id", "customer_secret");
    }
}
