package io.parley.usage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * An organization's model usage over a range of days (UTC), in total, by model and by day.
 *
 * @param currency the currency of every cost ({@code USD})
 */
public record UsageReport(
        LocalDate from,
        LocalDate to,
        long calls,
        long inputTokens,
        long outputTokens,
        BigDecimal cost,
        String currency,
        List<ByModel> byModel,
        List<ByDay> byDay) {

    public record ByModel(
            String provider, String model, long calls, long inputTokens, long outputTokens, BigDecimal cost) {}

    /** One day; every day of the range is listed, days without calls as zeros, so a chart has no gaps. */
    public record ByDay(LocalDate date, long calls, long inputTokens, long outputTokens, BigDecimal cost) {}
}
