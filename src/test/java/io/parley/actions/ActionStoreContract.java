package io.parley.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.llm.Tool;
import io.parley.security.SecretBox;
import io.parley.tenant.OrganizationId;
import io.parley.testing.TestSecrets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ActionStore} guarantees; each adapter's test extends it. */
abstract class ActionStoreContract {

    private static final String SCHEMA =
            "{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"string\"}},\"required\":[\"code\"]}";
    private static final String SECRET = "Bearer sk-live-contract-secret-2468";
    /** Stores keep instants to the microsecond at best; millis compare equal everywhere. */
    private static final Instant CREATED = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    protected ActionStore store;

    protected abstract ActionStore store();

    protected abstract OrganizationId newOrganization();

    /** Everything the store keeps of the action's headers, as it lies at rest. */
    protected abstract String headersAtRest(ActionId id);

    private final SecretBox secrets = TestSecrets.box();
    private OrganizationId org;

    @BeforeEach
    void setUpStore() {
        store = store();
        org = newOrganization();
    }

    private StoredAction action(OrganizationId organization, String name, Map<String, String> sealedHeaders) {
        return new StoredAction(
                ActionId.generate(),
                organization,
                name,
                "Finds a booking by its code.",
                SCHEMA,
                Tool.Kind.READ,
                "GET",
                "https://api.example.com/bookings/{code}",
                sealedHeaders,
                CREATED,
                CREATED);
    }

    private StoredAction action(OrganizationId organization, String name) {
        return action(organization, name, Map.of());
    }

    private static StoredAction renamed(StoredAction a, String name) {
        return new StoredAction(
                a.id(),
                a.organization(),
                name,
                a.description(),
                a.parameters(),
                a.kind(),
                a.method(),
                a.url(),
                a.sealedHeaders(),
                a.createdAt(),
                a.updatedAt().plusSeconds(60));
    }

    @Test
    void anAddedActionIsFoundByIdAndByNameExactlyAsGiven() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Shop", secrets.seal("north"));
        headers.put("Authorization", secrets.seal(SECRET));
        StoredAction added = action(org, "look_up_booking", headers);

        store.add(added);

        assertThat(store.find(org, added.id())).contains(added);
        assertThat(store.findByName(org, "look_up_booking")).contains(added);
        assertThat(store.find(org, added.id()).orElseThrow().sealedHeaders().keySet())
                .containsExactly("X-Shop", "Authorization");
        assertThat(store.find(org, ActionId.generate())).isEmpty();
        assertThat(store.findByName(org, "look_up_other")).isEmpty();
    }

    @Test
    void theListIsTheOrganizationsActionsOrderedByName() {
        StoredAction c = action(org, "cancel_booking");
        StoredAction b = action(org, "book_table");
        StoredAction l = action(org, "look_up_booking");
        store.add(l);
        store.add(c);
        store.add(b);

        assertThat(store.list(org)).containsExactly(b, c, l);
        assertThat(store.list(newOrganization())).isEmpty();
    }

    @Test
    void replaceChangesEveryFieldButTheCreationTime() {
        StoredAction original = action(org, "look_up_booking", Map.of("Authorization", secrets.seal(SECRET)));
        store.add(original);
        StoredAction changed = new StoredAction(
                original.id(),
                org,
                "cancel_booking",
                "Cancels a booking. Only when asked.",
                "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"}}}",
                Tool.Kind.WRITE,
                "DELETE",
                "https://api.example.com/bookings/{id}",
                Map.of("X-Shop", secrets.seal("south")),
                CREATED.plusSeconds(3600),
                CREATED.plusSeconds(120));

        assertThat(store.replace(changed)).isTrue();

        StoredAction found = store.find(org, original.id()).orElseThrow();
        assertThat(found).usingRecursiveComparison().ignoringFields("createdAt").isEqualTo(changed);
        assertThat(found.createdAt()).isEqualTo(CREATED);
        assertThat(store.findByName(org, "look_up_booking")).isEmpty();
        assertThat(store.findByName(org, "cancel_booking")).contains(found);
    }

    @Test
    void replacingOrDeletingAnActionThatIsNotThereChangesNothing() {
        StoredAction kept = action(org, "look_up_booking");
        store.add(kept);

        assertThat(store.replace(action(org, "look_up_other"))).isFalse();
        assertThat(store.delete(org, ActionId.generate())).isFalse();

        assertThat(store.list(org)).containsExactly(kept);
    }

    @Test
    void deleteRemovesOnlyThatActionAndFreesItsName() {
        StoredAction gone = action(org, "look_up_booking");
        StoredAction kept = action(org, "cancel_booking");
        store.add(gone);
        store.add(kept);

        assertThat(store.delete(org, gone.id())).isTrue();
        assertThat(store.delete(org, gone.id())).isFalse();

        assertThat(store.find(org, gone.id())).isEmpty();
        assertThat(store.list(org)).containsExactly(kept);
        StoredAction again = action(org, "look_up_booking");
        store.add(again);
        assertThat(store.findByName(org, "look_up_booking")).contains(again);
    }

    @Test
    void aNameIsUniqueInItsOrganizationAndFreeInAnother() {
        StoredAction first = action(org, "look_up_booking");
        store.add(first);

        assertThatThrownBy(() -> store.add(action(org, "look_up_booking")))
                .isInstanceOfSatisfying(InvalidActionException.class, e -> {
                    assertThat(e.nameTaken()).isTrue();
                    assertThat(e.problems())
                            .extracting(InvalidActionException.FieldProblem::field)
                            .containsExactly("name");
                });
        assertThat(store.list(org)).containsExactly(first);

        OrganizationId other = newOrganization();
        StoredAction elsewhere = action(other, "look_up_booking");
        store.add(elsewhere);
        assertThat(store.findByName(other, "look_up_booking")).contains(elsewhere);
        assertThat(store.findByName(org, "look_up_booking")).contains(first);
    }

    @Test
    void renamingToATakenNameIsRefusedAndKeepingItsOwnNameIsNot() {
        StoredAction first = action(org, "look_up_booking");
        StoredAction second = action(org, "cancel_booking");
        store.add(first);
        store.add(second);

        assertThatThrownBy(() -> store.replace(renamed(second, "look_up_booking")))
                .isInstanceOfSatisfying(InvalidActionException.class, e -> assertThat(e.nameTaken())
                        .isTrue());
        assertThat(store.find(org, second.id())).contains(second);

        StoredAction same = renamed(second, "cancel_booking");
        assertThat(store.replace(same)).isTrue();
        assertThat(store.find(org, second.id())).contains(same);
    }

    @Test
    void headerValuesLieAtRestOnlySealed() {
        BusinessActions actions = new BusinessActions(
                store, secrets, null, Clock.fixed(CREATED, ZoneOffset.UTC), organization -> Set.of());
        BusinessAction created = actions.create(
                org,
                new ActionDraft(
                        "look_up_booking",
                        "Finds a booking by its code.",
                        SCHEMA,
                        "read",
                        "GET",
                        "https://api.example.com/bookings/{code}",
                        Map.of("Authorization", SECRET)));

        String atRest = headersAtRest(created.id());
        assertThat(atRest).contains("Authorization").contains("v1:").doesNotContain("sk-live");
        String sealed =
                store.find(org, created.id()).orElseThrow().sealedHeaders().get("Authorization");
        assertThat(atRest).contains(sealed);
        assertThat(secrets.open(sealed)).isEqualTo(SECRET);

        actions.update(
                org,
                created.id(),
                new ActionDraft(
                        "look_up_booking",
                        "Finds a booking by its code, with the table.",
                        SCHEMA,
                        "read",
                        "GET",
                        "https://api.example.com/bookings/{code}",
                        Map.of("Authorization", HeaderSecrets.mask(SECRET), "X-Shop", "north")));

        assertThat(headersAtRest(created.id())).doesNotContain("sk-live").doesNotContain("north");
        Map<String, String> kept = store.find(org, created.id()).orElseThrow().sealedHeaders();
        assertThat(secrets.open(kept.get("Authorization"))).isEqualTo(SECRET);
        assertThat(secrets.open(kept.get("X-Shop"))).isEqualTo("north");
    }

    @Test
    void anotherOrganizationNeitherFindsNorListsNorChangesNorDeletesTheActions() {
        StoredAction mine = action(org, "look_up_booking", Map.of("Authorization", secrets.seal(SECRET)));
        store.add(mine);
        OrganizationId other = newOrganization();

        assertThat(store.find(other, mine.id())).isEmpty();
        assertThat(store.findByName(other, "look_up_booking")).isEmpty();
        assertThat(store.list(other)).isEmpty();
        StoredAction forged = new StoredAction(
                mine.id(),
                other,
                "look_up_booking",
                "Stolen.",
                SCHEMA,
                Tool.Kind.WRITE,
                "POST",
                "https://evil.example/",
                Map.of(),
                CREATED,
                CREATED);
        assertThat(store.replace(forged)).isFalse();
        assertThat(store.delete(other, mine.id())).isFalse();

        assertThat(store.find(org, mine.id())).contains(mine);
        assertThat(store.list(other)).isEmpty();
    }
}
