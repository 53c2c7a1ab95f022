package io.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.conversation.ToolResult;
import io.parley.conversation.ToolRun;
import io.parley.tenant.OrganizationId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What every {@link StoreData} adapter must do; each adapter's test extends this. */
public abstract class StoreDataContract {

    protected abstract StoreData data();

    /** An organization the adapter can hold a store for. */
    protected abstract OrganizationId newOrganization();

    private OrganizationId loaded() {
        OrganizationId org = newOrganization();
        data().load(org, RetailTemplate.fresh());
        return org;
    }

    private static ToolRun run(OrganizationId org, String tool, String args, String key) {
        return new ToolRun(org, null, tool, StoreJson.parse(args), null, true, key);
    }

    private java.util.Optional<ObjectNode> order(OrganizationId org, String id) {
        return data().read(org, view -> view.order(id));
    }

    @Test
    void keepsTheStoreExactlyAsLoaded() {
        OrganizationId org = loaded();
        StoreSnapshot stored = data().snapshot(org);
        assertThat(stored.hash()).isEqualTo(RetailTemplate.fresh().hash());
        assertThat(stored.users()).hasSize(500);
        assertThat(stored.orders()).hasSize(1000);
        assertThat(stored.products()).hasSize(50);
        assertThat(stored.orders().getFirst().get("order_id").asString()).isEqualTo("#W2611340");
    }

    @Test
    void anOrganizationWithoutAStoreHasNone() {
        OrganizationId org = newOrganization();
        assertThat(data().loaded(org)).isFalse();
        assertThatThrownBy(() -> data().read(org, view -> view.order("#W2611340")))
                .isInstanceOf(StoreNotLoadedException.class);
        assertThat(new RetailToolSource(data()).tools(org)).isEmpty();
        assertThat(new RetailToolSource(data()).tools(loaded())).hasSize(16);
    }

    @Test
    void runsAConformanceStepThroughTheAdapterAndARefusalChangesNothing() {
        OrganizationId org = loaded();
        RetailToolSource tools = new RetailToolSource(data());
        // conformance task 3: an item of a pending order swapped for another variant
        ToolResult result = tools.run(run(
                org,
                "modify_pending_order_items",
                """
                {"order_id": "#W4776164", "item_ids": ["8349118980"], "new_item_ids": ["9647292434"],
                 "payment_method_id": "credit_card_9513926"}""",
                "k1"));
        assertThat(result).isInstanceOf(ToolResult.Done.class);
        JsonNode order = StoreJson.parse(((ToolResult.Done) result).json());
        assertThat(order.get("status").asString()).isEqualTo("pending (item modified)");
        assertThat(data().read(org, view -> view.order("#W4776164")).orElseThrow())
                .isEqualTo(order);

        ToolResult cancel = tools.run(run(
                org, "cancel_pending_order", "{\"order_id\": \"#W4776164\", \"reason\": \"no longer needed\"}", "k2"));
        assertThat(cancel).isEqualTo(new ToolResult.Failed("Non-pending order cannot be cancelled"));
        assertThat(data().read(org, view -> view.order("#W4776164")).orElseThrow())
                .isEqualTo(order);
    }

    @Test
    void aWriteRunTwiceWithTheSameKeyChangesTheStoreOnce() {
        OrganizationId org = loaded();
        RetailToolSource tools = new RetailToolSource(data());
        String address =
                """
                {"order_id": "#W4776164", "address1": "1 New Street", "address2": "", "city": "Austin",
                 "state": "TX", "country": "USA", "zip": "78701"}""";
        ToolResult first = tools.run(run(org, "modify_pending_order_address", address, "same"));
        // Between the attempts someone else changes the order; the retried call must not overwrite it.
        data().update(org, view -> {
            ObjectNode o = view.order("#W4776164").orElseThrow();
            o.withObject("address").put("city", "Dallas");
            view.putOrder(o);
            return null;
        });
        ToolResult second = tools.run(run(org, "modify_pending_order_address", address, "same"));
        assertThat(second).isEqualTo(first);
        assertThat(data().read(org, view -> view.order("#W4776164"))
                        .orElseThrow()
                        .get("address")
                        .get("city")
                        .asString())
                .isEqualTo("Dallas");
    }

    @Test
    void writesOfOneOrganizationRunOneAtATime() throws Exception {
        OrganizationId org = loaded();
        String giftCardUser = "mei_kovacs_8020";
        int writers = 2;
        int each = 10;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                Callable<Void> writer = () -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        data().update(org, view -> {
                            ObjectNode user = view.user(giftCardUser).orElseThrow();
                            int n = user.path("counter").asInt(0);
                            user.put("counter", n + 1);
                            view.putUser(user);
                            return null;
                        });
                    }
                    return null;
                };
                done.add(pool.submit(writer));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(data().read(org, view -> view.user(giftCardUser))
                        .orElseThrow()
                        .get("counter")
                        .asInt())
                .isEqualTo(writers * each);
    }

    @Test
    void aReadCannotChangeTheStore() {
        OrganizationId org = loaded();
        assertThatThrownBy(() -> data().read(org, view -> {
                    view.putOrder(view.order("#W2611340").orElseThrow());
                    return null;
                }))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void loadingAgainGivesAFreshCopy() {
        OrganizationId org = loaded();
        data().update(org, view -> view.deleteOrder("#W2611340"));
        assertThat(order(org, "#W2611340")).isEmpty();
        data().load(org, RetailTemplate.fresh());
        assertThat(order(org, "#W2611340")).isPresent();
        assertThat(data().snapshot(org).hash()).isEqualTo(RetailTemplate.fresh().hash());
    }

    @Test
    void organizationsDoNotSeeEachOthersChanges() {
        OrganizationId a = loaded();
        OrganizationId b = loaded();
        data().update(a, view -> view.deleteOrder("#W2611340"));
        assertThat(order(a, "#W2611340")).isEmpty();
        assertThat(order(b, "#W2611340")).isPresent();
    }
}
