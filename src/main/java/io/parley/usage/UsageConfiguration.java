package io.parley.usage;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.llm.Prices;
import io.parley.usage.jdbc.JdbcUsageStore;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the usage feature: the ledger of model calls, their cost, and budgets. */
@Configuration(proxyBeanMethods = false)
class UsageConfiguration {

    @Bean
    UsageStore usageStore(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transactions) {
        return new JdbcUsageStore(jdbc, template, transactions);
    }

    @Bean
    UsageLedger usageLedger(UsageStore store, Prices prices, Clock clock, MeterRegistry meters) {
        return new UsageLedger(store, prices, clock, meters);
    }
}
