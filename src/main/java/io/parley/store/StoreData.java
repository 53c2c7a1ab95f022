package io.parley.store;

import io.parley.conversation.ToolResult;
import io.parley.tenant.OrganizationId;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Where each organization's store is kept. An organization has a store once one is {@linkplain #load loaded} for it;
 * the calls that need one throw {@link StoreNotLoadedException} otherwise. Writes of one organization are serialized
 * (across nodes, when the adapter shares a database), each in one transaction: all of its puts happen or none.
 * Implementations are thread-safe.
 */
public interface StoreData {

    boolean loaded(OrganizationId organization);

    /** Replaces the organization's store, if any, with this one (which the adapter may keep: pass a copy). */
    void load(OrganizationId organization, StoreSnapshot snapshot);

    /** A copy of the whole store. */
    StoreSnapshot snapshot(OrganizationId organization);

    /** Runs {@code work} on a consistent, read-only view of the store. */
    <T> T read(OrganizationId organization, Function<StoreView, T> work);

    /** Runs {@code work} as the organization's only writer, in one transaction; what it puts is kept if it returns. */
    <T> T update(OrganizationId organization, Function<StoreView, T> work);

    /**
     * Runs {@code work} as the organization's only writer, in one transaction. With an idempotency key, the first
     * result for that key is recorded with the changes, and a later call with the same key returns it without running
     * {@code work} again. A {@link ToolResult.Failed} result must come from a {@code work} that put nothing.
     */
    ToolResult write(
            OrganizationId organization, @Nullable String idempotencyKey, Function<StoreView, ToolResult> work);
}
