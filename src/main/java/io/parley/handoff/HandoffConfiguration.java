package io.parley.handoff;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the handoff feature's settings service; the store comes from the adapter ({@code jdbc}). */
@Configuration(proxyBeanMethods = false)
class HandoffConfiguration {

    @Bean
    HandoffSettings handoffSettings(HandoffSettingsStore store, Clock clock) {
        return new HandoffSettings(store, clock);
    }
}
