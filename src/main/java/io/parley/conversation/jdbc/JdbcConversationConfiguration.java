package io.parley.conversation.jdbc;

import io.parley.conversation.ConversationStore;
import io.parley.conversation.RetentionStore;
import io.parley.conversation.ToolLedger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Provides the conversation store on the application's database (H2 or PostgreSQL). */
@Configuration(proxyBeanMethods = false)
class JdbcConversationConfiguration {

    @Bean
    ConversationStore conversationStore(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate transactions) {
        return new JdbcConversationStore(jdbc, template, transactions);
    }

    @Bean
    ToolLedger toolLedger(JdbcClient jdbc) {
        return new JdbcToolLedger(jdbc);
    }

    @Bean
    RetentionStore retentionStore(JdbcClient jdbc) {
        return new JdbcRetentionStore(jdbc);
    }
}
