package io.parley.llm.jdbc;

import io.parley.llm.ModelChoiceStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Keeps organizations' model choices in the application's database (H2 or PostgreSQL). */
@Configuration(proxyBeanMethods = false)
class JdbcModelChoiceConfiguration {

    @Bean
    ModelChoiceStore modelChoiceStore(JdbcClient jdbc, TransactionTemplate transactions) {
        return new JdbcModelChoiceStore(jdbc, transactions);
    }

    /** Organizations' own model API keys, for an encryption-key rotation. */
    @Bean
    io.parley.security.SealedSecrets modelApiKeys(JdbcClient jdbc) {
        return new io.parley.security.SealedColumn(
                "model API keys", jdbc, "organization_models", "organization_id", "sealed_api_key");
    }
}
