package io.parley.conversation.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Keeps customers' messages out of the logs when PostgreSQL fails: its driver otherwise puts a failed statement's
 * values (the message text) into exception messages, which the connection pool and Spring log. Applied only to
 * PostgreSQL URLs, because H2 refuses connection settings it does not know.
 */
@Component
class PostgresErrorDetail implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool
                && pool.getJdbcUrl() != null
                && pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            pool.addDataSourceProperty("logServerErrorDetail", "false");
        }
        return bean;
    }
}
