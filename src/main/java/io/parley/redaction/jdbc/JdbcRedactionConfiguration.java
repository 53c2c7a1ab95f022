package io.parley.redaction.jdbc;

import io.parley.redaction.RedactionSettingsStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Keeps organizations' redaction settings in the application's database (H2 or PostgreSQL). */
@Configuration(proxyBeanMethods = false)
class JdbcRedactionConfiguration {

    @Bean
    RedactionSettingsStore redactionSettingsStore(JdbcClient jdbc, TransactionTemplate transactions) {
        return new JdbcRedactionSettingsStore(jdbc, transactions);
    }
}
