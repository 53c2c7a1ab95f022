package io.parley.audit;

import io.parley.tenant.Members;
import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    AuditLog auditLog(JdbcClient jdbc) {
        return new AuditLog(jdbc);
    }

    /** After Spring Security's filters (order -100), so that the member is known; around everything else. */
    @Bean
    FilterRegistrationBean<AuditFilter> auditFilter(AuditLog audit, Members members, Clock clock) {
        FilterRegistrationBean<AuditFilter> registration =
                new FilterRegistrationBean<>(new AuditFilter(audit, members, clock));
        registration.setOrder(0);
        return registration;
    }
}
