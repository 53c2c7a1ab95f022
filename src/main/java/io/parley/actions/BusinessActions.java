package io.parley.actions;

import io.parley.conversation.ToolResult;
import io.parley.conversation.ToolRun;
import io.parley.security.SecretBox;
import io.parley.tenant.OrganizationId;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The organization's HTTP actions as its members manage them (REST and console): list, add, change, delete, and a
 * test call. Header values are sealed before they are stored and shown only masked. An action's name is unique among
 * the organization's actions and its assistant's other tools. Every call names the organization: another
 * organization's action is as if it did not exist. Thread-safe.
 */
public class BusinessActions {

    /** The names of every tool the organization's assistant has now, from every source, its actions included. */
    @FunctionalInterface
    interface ToolNames {
        Set<String> of(OrganizationId organization);
    }

    private final ActionStore store;
    private final SecretBox secrets;
    private final ActionCaller caller;
    private final Clock clock;
    private final ToolNames tools;

    BusinessActions(ActionStore store, SecretBox secrets, ActionCaller caller, Clock clock, ToolNames tools) {
        this.store = store;
        this.secrets = secrets;
        this.caller = caller;
        this.clock = clock;
        this.tools = tools;
    }

    /** The organization's actions, by name. */
    public List<BusinessAction> list(OrganizationId organization) {
        return store.list(organization).stream().map(this::view).toList();
    }

    public Optional<BusinessAction> find(OrganizationId organization, ActionId id) {
        return store.find(organization, id).map(this::view);
    }

    /**
     * @throws InvalidActionException naming every field at fault, or that the name is taken by another action or
     *     another tool of the assistant
     */
    public BusinessAction create(OrganizationId organization, ActionDraft draft) {
        ActionRules.Valid valid = ActionRules.check(draft, Map.of());
        refuseTakenName(organization, valid.name());
        Instant now = clock.instant();
        StoredAction action = stored(ActionId.generate(), organization, valid, now, now);
        store.add(action);
        return view(action);
    }

    /**
     * Replaces the action's definition; a header sent back with its masked value keeps the stored secret.
     *
     * @return empty when the organization has no such action
     * @throws InvalidActionException naming every field at fault, or that the new name is taken by another action or
     *     another tool of the assistant (keeping its own name is always allowed)
     */
    public Optional<BusinessAction> update(OrganizationId organization, ActionId id, ActionDraft draft) {
        Optional<StoredAction> current = store.find(organization, id);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        ActionRules.Valid valid = ActionRules.check(draft, opened(current.get()));
        if (!valid.name().equals(current.get().name())) {
            refuseTakenName(organization, valid.name());
        }
        StoredAction action = stored(id, organization, valid, current.get().createdAt(), clock.instant());
        return store.replace(action) ? Optional.of(view(action)) : Optional.empty();
    }

    /** @return false when the organization has no such action */
    public boolean delete(OrganizationId organization, ActionId id) {
        return store.delete(organization, id);
    }

    /**
     * Runs the action as a member of the business would (no conversation, no customer), with these arguments: what
     * the assistant would get back, or why it failed.
     *
     * @return empty when the organization has no such action
     */
    public Optional<ToolResult> test(OrganizationId organization, ActionId id, JsonNode arguments) {
        return store.find(organization, id).map(action -> {
            if (arguments == null || !arguments.isObject()) {
                return new ToolResult.Failed("The arguments must be a JSON object.");
            }
            return caller.call(
                    action,
                    new ToolRun(organization, null, action.name(), arguments, null, true, "test-" + UUID.randomUUID()));
        });
    }

    /**
     * Another action of that name is the store's conflict to report; any other tool of that name (the retail store's,
     * the engine's own {@code transfer_to_human}) would be shadowed by one source or the other, so it is refused too.
     * Checked before the write, not with it: a tool source set up at the same moment can still win the race, and then
     * the engine keeps the first tool of the name, as it always does.
     */
    private void refuseTakenName(OrganizationId organization, String name) {
        if (store.findByName(organization, name).isPresent()) {
            throw InvalidActionException.nameTaken(name);
        }
        if (tools.of(organization).contains(name)) {
            throw InvalidActionException.toolTaken(name);
        }
    }

    private StoredAction stored(
            ActionId id, OrganizationId organization, ActionRules.Valid valid, Instant created, Instant updated) {
        Map<String, String> locked = new LinkedHashMap<>();
        valid.headers().forEach((name, value) -> locked.put(name, secrets.seal(value)));
        return new StoredAction(
                id,
                organization,
                valid.name(),
                valid.description(),
                valid.parameters(),
                valid.kind(),
                valid.method(),
                valid.url(),
                locked,
                created,
                updated);
    }

    private Map<String, String> opened(StoredAction action) {
        Map<String, String> headers = new LinkedHashMap<>();
        action.sealedHeaders().forEach((name, locked) -> headers.put(name, secrets.open(locked)));
        return headers;
    }

    private BusinessAction view(StoredAction action) {
        Map<String, String> masked = new LinkedHashMap<>();
        opened(action).forEach((name, value) -> masked.put(name, HeaderSecrets.mask(value)));
        return new BusinessAction(
                action.id(),
                action.name(),
                action.description(),
                action.parameters(),
                action.kind(),
                action.method(),
                action.url(),
                masked,
                action.createdAt(),
                action.updatedAt());
    }
}
