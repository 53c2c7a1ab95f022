package io.parley.demo;

import io.parley.knowledge.Knowledge;
import io.parley.tenant.Organizations;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Seeds the demo organization when {@code parley.demo.enabled} is true, which by default it is in embedded mode
 * (H2) and is not otherwise.
 */
@Configuration(proxyBeanMethods = false)
class DemoConfiguration {

    @Bean
    DemoOrganization demoOrganization(Organizations organizations, Knowledge knowledge) {
        return new DemoOrganization(organizations, knowledge);
    }

    @Bean
    @ConditionalOnExpression("'${parley.demo.enabled:auto}' == 'true'"
            + " or ('${parley.demo.enabled:auto}' == 'auto' and '${spring.datasource.url:}'.startsWith('jdbc:h2:'))")
    SmartInitializingSingleton seedDemoOrganization(DemoOrganization demo) {
        // Before the web server starts, so that the first request already finds the demo.
        return demo::ensureExists;
    }
}
