package io.parley.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.llm.LlmProperties.Price;
import io.parley.llm.ModelReply.Usage;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PricesTest {

    private final Prices defaults = new Prices(LlmProperties.defaults());

    @Test
    void pricesInputCachedInputAndOutputTokensPerMillion() {
        // gpt-4o-mini: $0.15 input, $0.075 cached input, $0.60 output per million tokens.
        BigDecimal cost = defaults.cost("gpt-4o-mini", new Usage(1_000_000, 500_000, 200_000, false));

        // 800,000 × 0.15 + 200,000 × 0.075 + 500,000 × 0.60, per million
        assertThat(cost).isEqualByComparingTo("0.435");
    }

    @Test
    void knowsTheDefaultModelsPrices() {
        assertThat(defaults.of("meta.llama3-3-70b-instruct-v1:0")).contains(Price.of("0.72", "0.72", "0.72"));
        assertThat(defaults.cost("meta.llama3-3-70b-instruct-v1:0", Usage.reported(1000, 250)))
                .isEqualByComparingTo("0.0009");
        assertThat(defaults.cost("parley-builtin", Usage.reported(10_000, 10_000)))
                .isZero();
    }

    @Test
    void letsTheOperatorOverrideAndAddPrices() {
        var prices = new Prices(new LlmProperties(
                null,
                null,
                null,
                null,
                null,
                Map.of(
                        "gpt-4o-mini", new Price(new BigDecimal("1"), new BigDecimal("2"), null),
                        "my-local-model", new Price(BigDecimal.ZERO, BigDecimal.ZERO, null)),
                null));

        assertThat(prices.cost("gpt-4o-mini", Usage.reported(1_000_000, 1_000_000)))
                .isEqualByComparingTo("3");
        assertThat(prices.of("my-local-model")).isPresent();
    }

    @Test
    void costsNothingForAModelWithoutAPrice() {
        assertThat(defaults.of("someones-fine-tune")).isEmpty();
        assertThat(defaults.cost("someones-fine-tune", Usage.reported(5_000, 5_000)))
                .isZero();
    }
}
