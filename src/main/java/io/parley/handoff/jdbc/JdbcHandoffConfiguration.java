package io.parley.handoff.jdbc;

import io.parley.handoff.HandoffSettingsStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Keeps organizations' business hours and escalation settings in the application's database (H2 or PostgreSQL). */
@Configuration(proxyBeanMethods = false)
class JdbcHandoffConfiguration {

    @Bean
    HandoffSettingsStore handoffSettingsStore(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json) {
        return new JdbcHandoffSettingsStore(jdbc, transactions, json);
    }
}
