package io.parley.store;

import io.parley.conversation.OfferedTool;
import io.parley.conversation.OfferedTool.Identity;
import io.parley.llm.Tool;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The sixteen retail tools as the model sees them: names, descriptions, argument schemas, kinds and identities. */
final class RetailCatalog {

    private static final String ORDER_ID =
            """
            "order_id": {"type": "string", "description": "The order id, such as '#W0000000'. It starts with '#'."}""";
    private static final String PAYMENT_METHOD_ID =
            """
            "payment_method_id": {"type": "string", "description": "The id of one of the user's payment methods, \
            such as 'credit_card_0000000', 'paypal_0000000' or 'gift_card_0000000'. Get it from the user's details."}""";
    private static final String ADDRESS_FIELDS =
            """
            "address1": {"type": "string", "description": "The first line of the address, such as '123 Main St'."},
                "address2": {"type": "string", "description": "The second line, such as 'Apt 1'; empty when none."},
                "city": {"type": "string", "description": "The city, such as 'San Francisco'."},
                "state": {"type": "string", "description": "The state, such as 'CA'."},
                "country": {"type": "string", "description": "The country, such as 'USA'."},
                "zip": {"type": "string", "description": "The zip code, such as '12345'."}""";
    private static final String ADDRESS_REQUIRED =
            "\"address1\", \"address2\", \"city\", \"state\", \"country\", \"zip\"";

    static final List<OfferedTool> TOOLS = List.of(
            read(
                    "find_user_id_by_email",
                    "Find a customer's user id by their email address (matched without regard to case). Use this first"
                            + " to authenticate the customer. Fails with 'User not found' when no user has that email.",
                    schema(
                            "\"email\": {\"type\": \"string\", \"description\": \"The email, such as"
                                    + " 'something@example.com'.\"}",
                            "\"email\""),
                    Identity.IDENTIFIES,
                    "Looking up your account…"),
            read(
                    "find_user_id_by_name_zip",
                    "Find a customer's user id by first name, last name (both matched without regard to case) and zip"
                            + " code. Use it only when the customer cannot be found by email or does not remember it."
                            + " Fails with 'User not found'.",
                    schema(
                            """
                            "first_name": {"type": "string", "description": "The first name, such as 'John'."},
                                "last_name": {"type": "string", "description": "The last name, such as 'Doe'."},
                                "zip": {"type": "string", "description": "The zip code, such as '12345'."}""",
                            "\"first_name\", \"last_name\", \"zip\""),
                    Identity.IDENTIFIES,
                    "Looking up your account…"),
            read(
                    "get_user_details",
                    "Get a user's details: name, default address, email, payment methods (with gift card balances) and"
                            + " the ids of their orders.",
                    schema(
                            "\"user_id\": {\"type\": \"string\", \"description\": \"The user id, such as"
                                    + " 'sara_doe_496'.\"}",
                            "\"user_id\""),
                    Identity.CUSTOMER,
                    "Looking up your account…"),
            read(
                    "get_order_details",
                    "Get an order's details: status, items (with item ids, prices and options), shipping address,"
                            + " fulfillments (tracking ids) and payment history.",
                    schema(ORDER_ID, "\"order_id\""),
                    Identity.CUSTOMER,
                    "Looking up your order…"),
            read(
                    "get_product_details",
                    "Get a product type and all its variant items (item id, options, availability, price). A product"
                            + " id is not an item id.",
                    schema(
                            "\"product_id\": {\"type\": \"string\", \"description\": \"The product id, such as"
                                    + " '6086499569'.\"}",
                            "\"product_id\""),
                    Identity.NONE,
                    "Looking up the product…"),
            read(
                    "get_item_details",
                    "Get one variant item by its item id, searched across all products: options, availability, price.",
                    schema(
                            "\"item_id\": {\"type\": \"string\", \"description\": \"The item id, such as"
                                    + " '6086499569'.\"}",
                            "\"item_id\""),
                    Identity.NONE,
                    "Looking up the item…"),
            read(
                    "list_all_product_types",
                    "List the name and product id of every product type the store sells (50), sorted by name.",
                    schema("", ""),
                    Identity.NONE,
                    "Looking at the catalogue…"),
            read(
                    "calculate",
                    "Calculate the result of an arithmetic expression (numbers, + - * / and parentheses); the result"
                            + " is rounded to 2 decimals.",
                    schema(
                            "\"expression\": {\"type\": \"string\", \"description\": \"The expression, such as"
                                    + " '2 + 2' or '(160.5 - 42.3) * 2'.\"}",
                            "\"expression\""),
                    Identity.NONE,
                    "Calculating…"),
            new OfferedTool(
                    new Tool(
                            "transfer_to_human_agents",
                            "Transfer the customer to a human agent, with a summary of their issue. Only when the"
                                    + " customer explicitly asks for a person, or when the request cannot be handled"
                                    + " with the other tools and the policy.",
                            schema(
                                    "\"summary\": {\"type\": \"string\", \"description\": \"A summary of the"
                                            + " customer's issue for the human agent.\"}",
                                    "\"summary\""),
                            Tool.Kind.READ),
                    Identity.NONE,
                    "Connecting you with our team…",
                    true),
            write(
                    "cancel_pending_order",
                    "Cancel a pending order. The reason must be 'no longer needed' or 'ordered by mistake'. Every"
                            + " payment is refunded to its method: at once to a gift card, otherwise in 5 to 7 business"
                            + " days. Ask the customer to confirm the order id and the reason first.",
                    schema(
                            ORDER_ID + ",\n    \"reason\": {\"type\": \"string\", \"enum\": [\"no longer needed\","
                                    + " \"ordered by mistake\"], \"description\": \"Why the order is cancelled.\"}",
                            "\"order_id\", \"reason\""),
                    "Cancelling your order…"),
            write(
                    "modify_pending_order_address",
                    "Change the shipping address of a pending order.",
                    schema(ORDER_ID + ",\n    " + ADDRESS_FIELDS, "\"order_id\", " + ADDRESS_REQUIRED),
                    "Updating the shipping address…"),
            write(
                    "modify_pending_order_payment",
                    "Pay a pending order with another of the user's payment methods. The original payment is refunded;"
                            + " a gift card must have enough balance for the whole order.",
                    schema(ORDER_ID + ",\n    " + PAYMENT_METHOD_ID, "\"order_id\", \"payment_method_id\""),
                    "Changing the payment method…"),
            write(
                    "modify_pending_order_items",
                    "Swap items of a pending order for other variants (options) of the same products, once per order:"
                            + " collect every item to change first. The price difference is paid with, or refunded"
                            + " to, the payment method given; a gift card must cover it. The order becomes"
                            + " 'pending (item modified)' and can be neither modified nor cancelled afterwards.",
                    schema(
                            ORDER_ID + ",\n    "
                                    + ids(
                                            "item_ids",
                                            "The item ids to change, such as ['1008292230']."
                                                    + " An item ordered twice is listed twice.")
                                    + ",\n    "
                                    + ids(
                                            "new_item_ids",
                                            "The new item ids, in the same order: each a variant of the"
                                                    + " same product, different from the old one, and available.")
                                    + ",\n    " + PAYMENT_METHOD_ID,
                            "\"order_id\", \"item_ids\", \"new_item_ids\", \"payment_method_id\""),
                    "Changing the items of your order…"),
            write(
                    "exchange_delivered_order_items",
                    "Request an exchange of items of a delivered order for other variants of the same products, once"
                            + " per order: collect every item to exchange first. The price difference is settled"
                            + " with the payment method given; a gift card must cover it. The customer receives an"
                            + " email on how to return the items.",
                    schema(
                            ORDER_ID + ",\n    "
                                    + ids("item_ids", "The item ids to exchange, such as" + " ['1008292230'].")
                                    + ",\n    "
                                    + ids(
                                            "new_item_ids",
                                            "The new item ids, in the same order: each a variant of the"
                                                    + " same product, available.")
                                    + ",\n    " + PAYMENT_METHOD_ID,
                            "\"order_id\", \"item_ids\", \"new_item_ids\", \"payment_method_id\""),
                    "Requesting the exchange…"),
            write(
                    "return_delivered_order_items",
                    "Request a return of items of a delivered order. The refund goes to the original payment method or"
                            + " to one of the user's gift cards. The customer receives an email on how to return the"
                            + " items.",
                    schema(
                            ORDER_ID + ",\n    " + ids("item_ids", "The item ids to return, such as ['1008292230'].")
                                    + ",\n    " + PAYMENT_METHOD_ID,
                            "\"order_id\", \"item_ids\", \"payment_method_id\""),
                    "Requesting the return…"),
            new OfferedTool(
                    new Tool(
                            "modify_user_address",
                            "Change a user's default address.",
                            schema(
                                    "\"user_id\": {\"type\": \"string\", \"description\": \"The user id, such as"
                                            + " 'sara_doe_496'.\"},\n    " + ADDRESS_FIELDS,
                                    "\"user_id\", " + ADDRESS_REQUIRED),
                            Tool.Kind.WRITE),
                    Identity.CUSTOMER,
                    "Updating your address…"));

    static final Set<String> WRITES =
            TOOLS.stream().filter(OfferedTool::writes).map(OfferedTool::name).collect(Collectors.toUnmodifiableSet());

    static final Map<String, OfferedTool> BY_NAME =
            TOOLS.stream().collect(Collectors.toUnmodifiableMap(OfferedTool::name, t -> t));

    private RetailCatalog() {}

    private static OfferedTool read(String name, String description, String schema, Identity identity, String status) {
        return new OfferedTool(new Tool(name, description, schema, Tool.Kind.READ), identity, status);
    }

    private static OfferedTool write(String name, String description, String schema, String status) {
        return new OfferedTool(new Tool(name, description, schema, Tool.Kind.WRITE), Identity.CUSTOMER, status);
    }

    private static String ids(String name, String description) {
        return "\"" + name + "\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}, \"description\": \""
                + description + "\"}";
    }

    private static String schema(String properties, String required) {
        return "{\"type\": \"object\", \"properties\": {" + properties + "}, \"required\": [" + required
                + "], \"additionalProperties\": false}";
    }
}
