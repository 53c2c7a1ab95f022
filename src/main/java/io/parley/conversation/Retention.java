package io.parley.conversation;

import io.parley.tenant.OrganizationId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases conversations older than each organization's retention period. Every node runs the schedule; a lease in the
 * database lets one of them do each run, so a conversation is never erased twice at once. A conversation past the
 * period has had no message for that long, so whatever of it a node still holds in memory is idle; it is dropped.
 */
public final class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    /** The longest a retention period may be: ten years. */
    public static final int MAX_DAYS = 3_650;

    static final String JOB = "retention";
    private static final int BATCH = 500;
    private static final Duration LEASE = Duration.ofMinutes(10);

    private final RetentionStore store;
    private final CustomerData customers;
    private final Clock clock;
    private final BiConsumer<OrganizationId, String> record;
    private final String node = UUID.randomUUID().toString();

    /** @param record tells the organization's audit log what a run erased (platform's words, no customer's data) */
    public Retention(
            RetentionStore store, CustomerData customers, Clock clock, BiConsumer<OrganizationId, String> record) {
        this.store = store;
        this.customers = customers;
        this.clock = clock;
        this.record = record;
    }

    public Optional<Integer> days(OrganizationId organization) {
        return store.days(organization);
    }

    /** @param days null to keep conversations for ever; otherwise 1 to {@link #MAX_DAYS} */
    public void setDays(OrganizationId organization, Integer days) {
        if (days != null && (days < 1 || days > MAX_DAYS)) {
            throw new IllegalArgumentException("a retention period is 1 to " + MAX_DAYS + " days");
        }
        store.setDays(organization, days, clock.instant());
    }

    /**
     * One run: erases what is past every organization's period, if this node gets the lease.
     *
     * @return how many conversations this node erased; -1 when another node holds the lease
     */
    public int runOnce() {
        Instant now = clock.instant();
        if (!store.claim(JOB, node, now, now.plus(LEASE))) {
            return -1;
        }
        int total = 0;
        try {
            for (Map.Entry<OrganizationId, Integer> limited : store.limited().entrySet()) {
                Instant before = now.minus(Duration.ofDays(limited.getValue()));
                int erased = 0;
                List<ConversationId> batch;
                do {
                    batch = store.olderThan(limited.getKey(), before, BATCH);
                    erased += customers.erase(limited.getKey(), batch);
                } while (batch.size() == BATCH);
                if (erased > 0) {
                    record.accept(
                            limited.getKey(),
                            "{\"erased\":" + erased + ",\"olderThanDays\":" + limited.getValue() + "}");
                    log.info("Retention erased {} conversation(s) of one organization", erased);
                }
                total += erased;
            }
        } catch (RuntimeException e) {
            log.error("A retention run failed; the next one tries again", e);
        } finally {
            store.release(JOB, node, clock.instant());
        }
        return total;
    }
}
