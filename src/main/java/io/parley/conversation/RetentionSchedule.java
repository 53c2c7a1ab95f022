package io.parley.conversation;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the retention period's erasure on Spring's scheduler, on every node: the lease in the database picks the one
 * that works ({@link Retention}). {@code parley.retention.every} (default an hour) and {@code parley.retention.first}
 * (after start, default 5 minutes) say when.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RetentionSchedule {

    private final Retention retention;

    RetentionSchedule(Retention retention) {
        this.retention = retention;
    }

    @Scheduled(
            fixedDelayString = "${parley.retention.every:PT1H}",
            initialDelayString = "${parley.retention.first:PT5M}")
    void run() {
        retention.runOnce();
    }
}
