package io.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.conversation.ToolResult;
import io.parley.conversation.ToolRun;
import io.parley.tenant.OrganizationId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A customer's calls reach only that customer's user and orders, whoever the model names, and a refused call changes
 * nothing. The customer is bound as a store user id or as their email.
 */
class RetailCustomerRestrictionTest {

    // yusuf_rossi_9620 owns #W2378156 (delivered) and #W4776164 (pending); mei_kovacs_8020 owns #W7800651 (pending)
    private static final String YUSUF = "yusuf_rossi_9620";
    private static final String YUSUF_EMAIL = "Yusuf.Rossi7301@example.com";
    private static final String MEIS_PENDING_ORDER = "#W7800651";

    private final InMemoryStoreData data = new InMemoryStoreData();
    private final RetailToolSource tools = new RetailToolSource(data);
    private final OrganizationId org = OrganizationId.generate();
    private StoreSnapshot before;

    @BeforeEach
    void store() {
        data.load(org, RetailTemplate.fresh());
        before = data.snapshot(org);
    }

    private ToolResult asCustomer(String customer, String tool, String args) {
        return tools.run(new ToolRun(org, null, tool, StoreJson.parse(args), customer, false, tool + args));
    }

    @Test
    void aCustomerReadsTheirOwnOrderByUserIdOrByEmail() {
        assertThat(asCustomer(YUSUF, "get_order_details", "{\"order_id\": \"#W4776164\"}"))
                .isInstanceOf(ToolResult.Done.class);
        assertThat(asCustomer(YUSUF_EMAIL, "get_order_details", "{\"order_id\": \"#W4776164\"}"))
                .isInstanceOf(ToolResult.Done.class);
        assertThat(asCustomer(YUSUF_EMAIL, "get_user_details", "{\"user_id\": \"" + YUSUF + "\"}"))
                .isInstanceOf(ToolResult.Done.class);
    }

    @Test
    void anotherCustomersOrderIsRefusedAndNothingChanges() {
        assertThat(data.read(org, view -> view.order(MEIS_PENDING_ORDER))
                        .orElseThrow()
                        .get("user_id")
                        .asString())
                .isEqualTo("mei_kovacs_8020");
        assertThat(asCustomer(YUSUF, "get_order_details", "{\"order_id\": \"" + MEIS_PENDING_ORDER + "\"}"))
                .isEqualTo(new ToolResult.Failed("Order not found for this customer"));
        assertThat(asCustomer(
                        YUSUF,
                        "cancel_pending_order",
                        "{\"order_id\": \"" + MEIS_PENDING_ORDER + "\", \"reason\": \"no longer needed\"}"))
                .isEqualTo(new ToolResult.Failed("Order not found for this customer"));
        assertThat(
                        asCustomer(
                                YUSUF,
                                "modify_user_address",
                                """
                        {"user_id": "mei_kovacs_8020", "address1": "1 Main St", "address2": "", "city": "Austin",
                         "state": "TX", "country": "USA", "zip": "78701"}"""))
                .isEqualTo(new ToolResult.Failed("User not found for this customer"));
        assertThat(asCustomer(YUSUF, "get_user_details", "{\"user_id\": \"mei_kovacs_8020\"}"))
                .isEqualTo(new ToolResult.Failed("User not found for this customer"));
        assertThat(data.snapshot(org).hash()).isEqualTo(before.hash());
    }

    @Test
    void withoutABoundCustomerCustomerToolsAreRefused() {
        assertThat(asCustomer(null, "get_order_details", "{\"order_id\": \"#W4776164\"}"))
                .isEqualTo(new ToolResult.Failed("Order not found for this customer"));
        assertThat(asCustomer(
                        "someone@nowhere.example",
                        "cancel_pending_order",
                        "{\"order_id\": \"#W4776164\", \"reason\": \"no longer needed\"}"))
                .isEqualTo(new ToolResult.Failed("Order not found for this customer"));
        assertThat(data.snapshot(org).hash()).isEqualTo(before.hash());
    }

    @Test
    void theCustomersOwnCancelGoesThroughAndTheCatalogueIsOpenToAnyone() {
        assertThat(asCustomer(
                        YUSUF,
                        "cancel_pending_order",
                        "{\"order_id\": \"#W4776164\", \"reason\": \"ordered by mistake\"}"))
                .isInstanceOf(ToolResult.Done.class);
        assertThat(asCustomer(null, "get_product_details", "{\"product_id\": \"1656367028\"}"))
                .isInstanceOf(ToolResult.Done.class);
        assertThat(asCustomer(null, "find_user_id_by_email", "{\"email\": \"" + YUSUF_EMAIL + "\"}"))
                .isEqualTo(new ToolResult.Done("\"" + YUSUF + "\"", YUSUF));
    }

    @Test
    void summariesNameTheOrderTheItemsAndTheRefund() {
        assertThat(tools.summarize(
                        org,
                        "cancel_pending_order",
                        StoreJson.parse("{\"order_id\": \"#W4776164\", \"reason\": \"no longer needed\"}")))
                .startsWith("Cancel order #W4776164 (")
                .contains("reason: no longer needed");
        assertThat(tools.summarize(
                        org,
                        "return_delivered_order_items",
                        StoreJson.parse("{\"order_id\": \"#W2378156\", \"item_ids\": [\"4202497723\", \"9408160950\"],"
                                + " \"payment_method_id\": \"credit_card_9513926\"}")))
                .isEqualTo("Return 2 items of order #W2378156 (Headphones, Smart Watch) with a refund to"
                        + " credit_card_9513926");
    }
}
