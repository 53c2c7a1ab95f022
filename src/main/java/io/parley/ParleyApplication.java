package io.parley;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Parley: a multi-tenant customer-service assistant. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ParleyApplication {

    public static void main(String[] args) {
        SpringApplication.run(ParleyApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
