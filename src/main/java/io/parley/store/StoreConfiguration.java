package io.parley.store;

import io.parley.conversation.ToolSource;
import io.parley.store.jdbc.JdbcStoreData;
import io.parley.tenant.Organizations;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the retail demo store: its data, its tools for the engine, its admin API's service and the template. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    @Bean
    StoreData storeData(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transactions, Clock clock) {
        return new JdbcStoreData(jdbc, template, transactions, clock);
    }

    @Bean
    ToolSource retailTools(StoreData data) {
        return new RetailToolSource(data);
    }

    @Bean
    Store store(StoreData data) {
        return new Store(data);
    }

    @Bean
    StoreTemplates storeTemplates(StoreData data, Organizations organizations) {
        return new StoreTemplates(data, organizations);
    }
}
