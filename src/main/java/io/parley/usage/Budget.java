package io.parley.usage;

import io.parley.llm.Prices;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * How much an organization lets its assistant's models cost per calendar month (UTC). Past it, replies come from the
 * offline engine until the month ends or the limit rises.
 *
 * @param monthlyLimit in {@link #currency()}, at least zero, to the cent
 */
public record Budget(BigDecimal monthlyLimit, String currency) {

    /** The largest limit accepted: far above any support desk's spend, well inside the column. */
    public static final BigDecimal MAX = new BigDecimal("1000000000");

    public Budget {
        Objects.requireNonNull(monthlyLimit, "monthlyLimit");
        if (monthlyLimit.signum() < 0
                || monthlyLimit.compareTo(MAX) > 0
                || monthlyLimit.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("a monthly limit is between 0 and 1,000,000,000, to the cent");
        }
        if (!Prices.CURRENCY.equals(currency)) {
            throw new IllegalArgumentException("budgets are in " + Prices.CURRENCY + ", like prices");
        }
    }
}
