package io.parley.handoff;

import io.parley.conversation.HandoffPolicy;
import io.parley.conversation.Message;
import io.parley.inbox.Presence;
import io.parley.tenant.OrganizationId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The organizations' handoff rules as the engine asks for them: {@link EscalationRules} over each organization's
 * {@link EscalationSettings}, and what a waiting customer is told from its {@link BusinessHours}, who of its team is
 * online ({@link Presence}) and how long people took to answer lately.
 *
 * <p>The usual wait is this node's memory (the last {@value #RECENT_WAITS} waits per organization); with several
 * nodes each would know its own share, which is enough for an estimate. Thread-safe.
 */
@Component
public class PlatformHandoffPolicy implements HandoffPolicy {

    static final int RECENT_WAITS = 20;

    private final HandoffSettings settings;
    private final Presence presence;
    private final Map<OrganizationId, ArrayDeque<Duration>> waits = new ConcurrentHashMap<>();

    public PlatformHandoffPolicy(HandoffSettings settings, Presence presence) {
        this.settings = settings;
        this.presence = presence;
    }

    @Override
    public Optional<Handoff> review(
            OrganizationId organization, Message message, int negativeRun, String lastAssistantText) {
        double sentiment = message.sentiment() == null ? 0 : message.sentiment();
        CustomerTurn turn = new CustomerTurn(message.content(), sentiment, lastAssistantText, negativeRun, 0);
        return EscalationRules.evaluate(settings.escalation(organization), turn).map(PlatformHandoffPolicy::handoff);
    }

    @Override
    public Optional<Handoff> afterFallbacks(OrganizationId organization, int fallbackRun) {
        return EscalationRules.afterFallbacks(settings.escalation(organization), fallbackRun)
                .map(PlatformHandoffPolicy::handoff);
    }

    private static Handoff handoff(Escalation escalation) {
        return new Handoff(escalation.reason().wireName(), escalation.sentence());
    }

    @Override
    public Waiting waiting(OrganizationId organization, Instant now) {
        BusinessHours hours = settings.hours(organization);
        if (!hours.isOpen(now)) {
            String back = hours.backAt(now).map(at -> "; they're back " + at).orElse("");
            return new Waiting(
                    "Our team is away right now" + back + ". Leave your email below and we'll get back to you."
                            + " Your conversation stays in our queue.",
                    true);
        }
        if (!presence.anyoneOnline(organization)) {
            return new Waiting(
                    "Nobody from our team is online right now. Leave your email below and we'll get back to you as"
                            + " soon as someone is. Your conversation stays in our queue.",
                    true);
        }
        return new Waiting("Connecting you with our team, " + usualWait(organization) + ".", false);
    }

    @Override
    public void answered(OrganizationId organization, Duration waited) {
        ArrayDeque<Duration> recent = waits.computeIfAbsent(organization, id -> new ArrayDeque<>());
        synchronized (recent) {
            recent.addLast(waited);
            while (recent.size() > RECENT_WAITS) {
                recent.removeFirst();
            }
        }
    }

    /** "usual wait about 3 minutes": the median of the recent waits, or a promise of soon before there are any. */
    String usualWait(OrganizationId organization) {
        ArrayDeque<Duration> recent = waits.get(organization);
        if (recent == null) {
            return "someone will be with you shortly";
        }
        long[] seconds;
        synchronized (recent) {
            seconds = recent.stream().mapToLong(Duration::toSeconds).sorted().toArray();
        }
        if (seconds.length == 0) {
            return "someone will be with you shortly";
        }
        long minutes = Math.max(1, Math.round(seconds[seconds.length / 2] / 60.0));
        return "usual wait about " + minutes + (minutes == 1 ? " minute" : " minutes");
    }
}
