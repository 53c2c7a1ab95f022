package io.parley.bench;

import java.util.List;
import java.util.Random;

/**
 * Support-centre passages made up from a few hundred phrases, deterministically from a seed: titles like "Premier
 * Checking: Fees and charges", sections like "Fees > Monthly fee", bodies of 5 to 9 sentences with products, amounts,
 * days and conditions, about 150 to 250 tokens each, like the chunks ingestion makes. Enough vocabulary and numbers
 * that BM25 and the vector graph see a realistic spread, not copies of one text. Not thread-safe.
 */
final class SyntheticSupportText {

    private static final List<String> PRODUCTS = List.of(
            "Premier Checking",
            "Everyday Checking",
            "Student Checking",
            "High-Yield Savings",
            "Kids Savings",
            "Travel Rewards Card",
            "Cash Back Card",
            "Business Platinum Card",
            "Home Equity Line",
            "Auto Loan",
            "Personal Loan",
            "Mortgage Plus",
            "Mobile App",
            "Online Banking",
            "Debit Card",
            "Gift Card",
            "Wireless Plan",
            "Family Plan",
            "Fiber Internet",
            "Smart TV Package",
            "Cloud Storage",
            "Pro Subscription",
            "Team Workspace",
            "Express Shipping",
            "Standard Shipping",
            "Loyalty Program",
            "Store Credit",
            "Extended Warranty",
            "Device Protection",
            "Trade-In Program",
            "Prepaid Card",
            "Savings Goals",
            "Bill Pay",
            "Wire Transfers",
            "Direct Deposit",
            "Overdraft Protection",
            "Safe Deposit Box",
            "Investment Account",
            "Retirement Account",
            "Insurance Add-On");
    private static final List<String> TOPICS = List.of(
            "Fees and charges",
            "Opening an account",
            "Closing an account",
            "Limits",
            "Delivery times",
            "Returns",
            "Refunds",
            "Password reset",
            "Two-factor sign-in",
            "Billing cycle",
            "Cancellations",
            "Upgrades",
            "Warranty claims",
            "Using it abroad",
            "Eligibility",
            "Interest and rates",
            "Statements",
            "Disputes",
            "Lost or stolen",
            "Replacements",
            "Rewards",
            "Referrals",
            "Promotions",
            "Security alerts",
            "Notifications",
            "Authorized users",
            "Payments",
            "Transfers",
            "Outages",
            "Accessibility");
    private static final List<String> SUBTOPICS = List.of(
            "Monthly fee",
            "How to request it",
            "Processing time",
            "Requirements",
            "Exceptions",
            "Common problems",
            "What to expect",
            "Contacting support",
            "Step by step",
            "Deadlines",
            "Documents you need",
            "Costs",
            "Who qualifies",
            "After you submit",
            "If something goes wrong",
            "Tips");
    private static final List<String> ACTIONS = List.of(
            "cancel",
            "upgrade",
            "activate",
            "close",
            "freeze",
            "reset",
            "dispute",
            "return",
            "replace",
            "transfer",
            "pay",
            "renew",
            "change",
            "verify",
            "link",
            "unlink",
            "download",
            "update",
            "report",
            "track");
    private static final List<String> OBJECTS = List.of(
            "the order",
            "your card",
            "the payment",
            "your plan",
            "the subscription",
            "your account",
            "the device",
            "the statement",
            "your password",
            "the shipment",
            "a recurring charge",
            "your address",
            "the invoice",
            "the refund",
            "your limit",
            "the warranty",
            "your PIN",
            "the transfer",
            "your profile",
            "the booking");
    private static final List<String> CHANNELS = List.of(
            "the mobile app",
            "online banking",
            "the help centre",
            "live chat",
            "the phone line",
            "any branch",
            "the account settings page",
            "email support",
            "the self-service portal",
            "the order history page");
    private static final List<String> CONDITIONS = List.of(
            "the account is in good standing",
            "the item is unused and in its original packaging",
            "you have verified your identity",
            "no payment is pending",
            "the request is made before the cut-off time",
            "the balance stays above the minimum",
            "the card has been active for at least 14 days",
            "the original receipt is available",
            "the device is registered to you",
            "the plan is not under contract");
    private static final List<String> TEMPLATES = List.of(
            "You can %A %O from %C at any time, as long as %K.",
            "%P customers pay a fee of $%M when they %A %O outside the included allowance.",
            "Requests to %A %O are usually completed within %D business days.",
            "If %K, we waive the $%M charge automatically.",
            "The daily limit for %P is $%N, and the monthly limit is $%L.",
            "To %A %O, open %C, choose %P and follow the prompts.",
            "We send a notification through %C once we %A %O.",
            "%P earns %R% on eligible balances, calculated daily and paid monthly.",
            "Refunds for %P go back to the original payment method within %D days.",
            "You will need a photo ID and proof of address before you can %A %O.",
            "When %K, there is no charge to %A %O.",
            "Outside the United States, %P adds a %R% foreign transaction fee.",
            "Support agents cannot %A %O on your behalf; use %C instead.",
            "Most customers who want to %A %O do it in %C in under %D minutes.",
            "A late payment on %P costs $%M and may affect your rewards for %D months.",
            "The promotional rate of %R% on %P lasts %D months from the day you sign up.",
            "If you cannot %A %O, check that %K and try again in %D hours.",
            "Each %P account can have up to %D authorized users.",
            "We review every request to %A %O and reply within %D business days.",
            "For security, %P locks after %D failed attempts; you can unlock it from %C.");

    private final Random random;

    SyntheticSupportText(long seed) {
        this.random = new Random(seed);
    }

    /** One passage: its document's title, its section path and its body. */
    record Passage(String title, String section, String body) {}

    Passage next() {
        String product = pick(PRODUCTS);
        String topic = pick(TOPICS);
        StringBuilder body = new StringBuilder();
        int sentences = 5 + random.nextInt(5);
        for (int s = 0; s < sentences; s++) {
            if (s > 0) {
                body.append(s % 3 == 0 ? "\n\n" : " ");
            }
            body.append(sentence(random.nextInt(3) == 0 ? pick(PRODUCTS) : product));
        }
        return new Passage(product + ": " + topic, topic + " > " + pick(SUBTOPICS), body.toString());
    }

    /** A question a customer might ask of passages like these. */
    String question() {
        return switch (random.nextInt(4)) {
            case 0 ->
                "how do i " + pick(ACTIONS) + " " + pick(OBJECTS).replace("your ", "my ") + " on "
                        + pick(PRODUCTS).toLowerCase(java.util.Locale.ROOT);
            case 1 ->
                "what is the fee to " + pick(ACTIONS) + " " + pick(OBJECTS).replace("your ", "my ");
            case 2 ->
                pick(PRODUCTS).toLowerCase(java.util.Locale.ROOT) + " "
                        + pick(TOPICS).toLowerCase(java.util.Locale.ROOT) + "?";
            default ->
                "how long does it take to " + pick(ACTIONS) + " "
                        + pick(OBJECTS).replace("your ", "my ") + " with " + pick(CHANNELS);
        };
    }

    private String sentence(String product) {
        String template = pick(TEMPLATES);
        return template.replace("%P", product)
                .replace("%A", pick(ACTIONS))
                .replace("%O", pick(OBJECTS))
                .replace("%C", pick(CHANNELS))
                .replace("%K", pick(CONDITIONS))
                .replace("%M", String.valueOf(1 + random.nextInt(60)) + (random.nextBoolean() ? ".00" : ".50"))
                .replace("%N", String.format(java.util.Locale.ROOT, "%,d", 100 * (1 + random.nextInt(50))))
                .replace("%L", String.format(java.util.Locale.ROOT, "%,d", 1000 * (1 + random.nextInt(40))))
                .replace("%D", String.valueOf(1 + random.nextInt(30)))
                .replace("%R", String.format(java.util.Locale.ROOT, "%.2f", random.nextInt(600) / 100.0));
    }

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }
}
