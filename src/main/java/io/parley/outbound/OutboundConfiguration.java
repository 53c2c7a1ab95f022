package io.parley.outbound;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One {@link SafeHttpClient} for the whole application: it pools connections, and its pool is closed on shutdown. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboundProperties.class)
class OutboundConfiguration {

    @Bean
    SafeHttpClient safeHttpClient(OutboundProperties settings) {
        return new SafeHttpClient(settings);
    }
}
