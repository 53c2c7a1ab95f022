package io.parley.llm;

import io.parley.llm.LlmProperties.Price;
import io.parley.llm.ModelReply.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What models cost, in US dollars per million tokens: defaults for the models Parley suggests, overridden and
 * extended by {@code parley.llm.prices}. A model without a price costs nothing in the figures (the console says the
 * price is unknown) rather than failing a reply. Immutable and thread-safe.
 */
public final class Prices {

    /** The currency of every price and cost, and of budgets. */
    public static final String CURRENCY = "USD";

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /**
     * Public list prices when this release was made; operators with other terms (another region, a discount) set
     * their own. Checked against each provider's pricing page:
     */
    private static final Map<String, Price> DEFAULTS = Map.ofEntries(
            // Offline engine: runs in-process, no provider bills it.
            Map.entry("parley-builtin", Price.FREE),
            // https://aws.amazon.com/bedrock/pricing/ (Meta, Llama 3.3 Instruct 70B, on-demand, US East): $0.00072
            // per 1,000 input and output tokens. Bedrock has no prompt cache for Llama.
            Map.entry("meta.llama3-3-70b-instruct-v1:0", Price.of("0.72", "0.72", "0.72")),
            Map.entry("us.meta.llama3-3-70b-instruct-v1:0", Price.of("0.72", "0.72", "0.72")),
            // https://aws.amazon.com/bedrock/pricing/ (Anthropic on Bedrock bills as Anthropic's own API, below).
            Map.entry("anthropic.claude-3-5-haiku-20241022-v1:0", Price.of("0.80", "4.00", "0.08")),
            Map.entry("us.anthropic.claude-3-5-haiku-20241022-v1:0", Price.of("0.80", "4.00", "0.08")),
            Map.entry("anthropic.claude-haiku-4-5-20251001-v1:0", Price.of("1.00", "5.00", "0.10")),
            Map.entry("us.anthropic.claude-haiku-4-5-20251001-v1:0", Price.of("1.00", "5.00", "0.10")),
            // https://platform.claude.com/docs/en/about-claude/pricing (base input, cache hits, output per MTok)
            Map.entry("claude-3-5-haiku-latest", Price.of("0.80", "4.00", "0.08")),
            Map.entry("claude-haiku-4-5", Price.of("1.00", "5.00", "0.10")),
            Map.entry("claude-sonnet-4-5", Price.of("3.00", "15.00", "0.30")),
            // https://platform.openai.com/docs/pricing (input, cached input, output per 1M tokens)
            Map.entry("gpt-4o-mini", Price.of("0.15", "0.60", "0.075")),
            Map.entry("gpt-4.1-mini", Price.of("0.40", "1.60", "0.10")),
            Map.entry("gpt-4o", Price.of("2.50", "10.00", "1.25")),
            // https://ai.google.dev/gemini-api/docs/pricing (paid tier, text; output includes thinking tokens)
            Map.entry("gemini-3.1-flash-lite", Price.of("0.25", "1.50", "0.025")),
            Map.entry("gemini-2.5-flash", Price.of("0.30", "2.50", "0.03")));

    private final Map<String, Price> prices;

    public Prices(LlmProperties properties) {
        Map<String, Price> merged = new HashMap<>(DEFAULTS);
        merged.putAll(properties.prices());
        this.prices = Map.copyOf(merged);
    }

    /** The price of a model as the provider names it, if one is known. */
    public Optional<Price> of(String model) {
        return Optional.ofNullable(prices.get(model));
    }

    /** What one call cost, to the millionth of a dollar; zero for a model without a price. */
    public BigDecimal cost(String model, Usage usage) {
        return of(model).map(price -> cost(price, usage)).orElse(BigDecimal.ZERO);
    }

    static BigDecimal cost(Price price, Usage usage) {
        long cached = Math.min(usage.cachedInputTokens(), usage.inputTokens());
        BigDecimal dollars = price.input()
                .multiply(BigDecimal.valueOf(usage.inputTokens() - cached))
                .add(price.cachedInput().multiply(BigDecimal.valueOf(cached)))
                .add(price.output().multiply(BigDecimal.valueOf(usage.outputTokens())));
        return dollars.divide(MILLION, 8, RoundingMode.HALF_UP);
    }
}
