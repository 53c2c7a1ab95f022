package io.parley.handoff;

import io.parley.tenant.OrganizationId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Each organization's business hours and escalation settings, read often (every customer message) and changed
 * rarely, so kept for {@link #TTL} after they are read. Thread-safe.
 *
 * <p>The cache is this node's alone. A change saved here is seen here at once; another node sees it once its own
 * copy expires, at most {@link #TTL} later. Nothing else needs to know.
 */
public class HandoffSettings {

    /** How long a read is trusted before the store is asked again. */
    public static final Duration TTL = Duration.ofSeconds(30);

    /** Past this many cached organizations, expired entries are swept on the next read. */
    private static final int SWEEP_ABOVE = 10_000;

    private record Cached<T>(T value, Instant expires) {}

    private final HandoffSettingsStore store;
    private final Clock clock;
    private final Map<OrganizationId, Cached<BusinessHours>> hours = new ConcurrentHashMap<>();
    private final Map<OrganizationId, Cached<EscalationSettings>> escalation = new ConcurrentHashMap<>();
    /** Bumped by every save, so that a read that raced a save does not put the old value back. */
    private final AtomicLong saves = new AtomicLong();

    public HandoffSettings(HandoffSettingsStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The organization's business hours; {@link BusinessHours#ALWAYS} when it never set any. */
    public BusinessHours hours(OrganizationId organization) {
        return cached(hours, organization, id -> store.hours(id).orElse(BusinessHours.ALWAYS));
    }

    /** The organization's escalation settings; {@link EscalationSettings#DEFAULT} when it never changed them. */
    public EscalationSettings escalation(OrganizationId organization) {
        return cached(escalation, organization, id -> store.escalation(id).orElse(EscalationSettings.DEFAULT));
    }

    public BusinessHours saveHours(OrganizationId organization, BusinessHours saved) {
        saves.incrementAndGet();
        store.saveHours(organization, saved, clock.instant());
        hours.remove(organization);
        return saved;
    }

    public EscalationSettings saveEscalation(OrganizationId organization, EscalationSettings saved) {
        saves.incrementAndGet();
        store.saveEscalation(organization, saved, clock.instant());
        escalation.remove(organization);
        return saved;
    }

    /** Forgets what this node holds for the organization, so that the next read goes to the store. */
    public void forget(OrganizationId organization) {
        saves.incrementAndGet();
        hours.remove(organization);
        escalation.remove(organization);
    }

    private <T> T cached(
            Map<OrganizationId, Cached<T>> cache, OrganizationId organization, Function<OrganizationId, T> load) {
        Instant now = clock.instant();
        Cached<T> entry = cache.get(organization);
        if (entry != null && now.isBefore(entry.expires())) {
            return entry.value();
        }
        long before = saves.get();
        T value = load.apply(organization);
        if (saves.get() == before) {
            if (cache.size() > SWEEP_ABOVE) {
                cache.values().removeIf(old -> !now.isBefore(old.expires()));
            }
            cache.put(organization, new Cached<>(value, now.plus(TTL)));
        }
        return value;
    }
}
