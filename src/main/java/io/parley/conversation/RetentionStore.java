package io.parley.conversation;

import io.parley.tenant.OrganizationId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Each organization's retention period, the conversations past it, and the lease that lets one node erase them. */
public interface RetentionStore {

    Optional<Integer> days(OrganizationId organization);

    /** @param days null to keep conversations for ever */
    void setDays(OrganizationId organization, Integer days, Instant at);

    /** Every organization that keeps conversations for a limited time, with its period in days. */
    Map<OrganizationId, Integer> limited();

    /** Conversations whose last message is older than {@code before}, oldest first. */
    List<ConversationId> olderThan(OrganizationId organization, Instant before, int limit);

    /**
     * Takes the job's lease until {@code until} if nobody holds it at {@code now}: true for the one node that gets it.
     */
    boolean claim(String job, String node, Instant now, Instant until);

    /** Gives the lease back early, so that the next run need not wait for it to lapse. */
    void release(String job, String node, Instant now);
}
