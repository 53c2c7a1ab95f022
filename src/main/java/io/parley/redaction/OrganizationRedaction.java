package io.parley.redaction;

import io.parley.conversation.Redaction;
import io.parley.llm.LanguageModel;
import io.parley.tenant.OrganizationId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each organization's redaction settings, and the engine's {@link Redaction} port applying them. Settings are read on
 * every customer message and model call and change rarely, so a read is trusted for {@link #TTL}. Thread-safe.
 *
 * <p>The cache is this node's alone: a change saved here is seen here at once, and by another node once its own copy
 * expires, at most {@link #TTL} later.
 */
public class OrganizationRedaction implements Redaction {

    /** How long a read is trusted before the store is asked again. */
    public static final Duration TTL = Duration.ofSeconds(30);

    private static final int SWEEP_ABOVE = 10_000;

    private record Cached(RedactionSettings settings, Instant expires) {}

    private final RedactionSettingsStore store;
    private final Redactor redactor;
    private final Clock clock;
    private final Map<OrganizationId, Cached> cache = new ConcurrentHashMap<>();
    /** Bumped by every save, so that a read that raced a save does not put the old value back. */
    private final AtomicLong saves = new AtomicLong();

    public OrganizationRedaction(RedactionSettingsStore store, Redactor redactor, Clock clock) {
        this.store = store;
        this.redactor = redactor;
        this.clock = clock;
    }

    /** The organization's settings; {@link RedactionSettings#OFF} until it saves some. */
    public RedactionSettings settings(OrganizationId organization) {
        Objects.requireNonNull(organization, "organization");
        Instant now = clock.instant();
        Cached entry = cache.get(organization);
        if (entry != null && now.isBefore(entry.expires())) {
            return entry.settings();
        }
        long before = saves.get();
        RedactionSettings settings = store.find(organization).orElse(RedactionSettings.OFF);
        if (saves.get() == before) {
            if (cache.size() > SWEEP_ABOVE) {
                cache.values().removeIf(c -> !now.isBefore(c.expires()));
            }
            cache.put(organization, new Cached(settings, now.plus(TTL)));
        }
        return settings;
    }

    public RedactionSettings save(OrganizationId organization, RedactionSettings settings) {
        saves.incrementAndGet();
        store.save(organization, settings, clock.instant());
        cache.remove(organization);
        return settings;
    }

    @Override
    public LanguageModel beforeModel(OrganizationId organization, LanguageModel model) {
        return settings(organization).beforeModel() ? new RedactingLanguageModel(model, redactor) : model;
    }

    @Override
    public String forStorage(OrganizationId organization, String text) {
        return settings(organization).inStoredText() ? redactor.mask(text) : text;
    }
}
