package io.parley.conversation.web;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.parley.conversation.ChatSettings;
import io.parley.tenant.OrganizationId;
import io.parley.web.ProblemType;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Limits how fast new conversations start, per client address and per organization (site key), so that an anonymous
 * visitor opening sockets or calling {@code conversations/start} in a loop creates neither unbounded rows nor model
 * calls. Only starts count: reconnecting to or resuming a conversation is free.
 *
 * <p>The buckets live in this node's memory, so with several nodes each allows its own share; a shared store would go
 * here (Bucket4j's Redis or JDBC proxy manager keyed the same way) without changing the callers. Idle buckets are
 * forgotten after ten minutes. Thread-safe.
 */
@Component
class ConversationStarts {

    private final LoadingCache<String, Bucket> byAddress;
    private final LoadingCache<OrganizationId, Bucket> byOrganization;

    ConversationStarts(ChatSettings settings) {
        this.byAddress = buckets(settings.startsPerAddress());
        this.byOrganization = buckets(settings.startsPerSiteKey());
    }

    /**
     * Takes one start from both limits, or refuses it.
     *
     * @param clientAddress where the request comes from (after the proxy's X-Forwarded-For, when one is trusted)
     * @throws io.parley.web.ProblemException a 429 saying when to try again
     */
    void admit(OrganizationId organization, String clientAddress) {
        ConsumptionProbe address = byAddress.get(clientAddress).tryConsumeAndReturnRemaining(1);
        if (!address.isConsumed()) {
            throw refused(address);
        }
        ConsumptionProbe site = byOrganization.get(organization).tryConsumeAndReturnRemaining(1);
        if (!site.isConsumed()) {
            byAddress.get(clientAddress).addTokens(1);
            throw refused(site);
        }
    }

    private static io.parley.web.ProblemException refused(ConsumptionProbe probe) {
        return ProblemType.TOO_MANY_CONVERSATIONS.exception(
                "Too many conversations were started just now. Try again shortly.",
                Duration.ofNanos(Math.max(1_000_000_000L, probe.getNanosToWaitForRefill())));
    }

    private static <K> LoadingCache<K, Bucket> buckets(int perMinute) {
        return Caffeine.newBuilder()
                .maximumSize(200_000)
                .expireAfterAccess(Duration.ofMinutes(10))
                .build(key -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(perMinute)
                                .refillGreedy(perMinute, Duration.ofMinutes(1))
                                .build())
                        .build());
    }
}
