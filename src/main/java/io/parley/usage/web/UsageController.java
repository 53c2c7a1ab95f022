package io.parley.usage.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.llm.Prices;
import io.parley.tenant.SignedInMember;
import io.parley.usage.Budget;
import io.parley.usage.UsageLedger;
import io.parley.usage.UsageReport;
import io.parley.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the organization's models cost, and the monthly budget they are held to. */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Usage and budget")
class UsageController {

    /** The longest range one report covers. */
    static final int MAX_DAYS = 366;

    private final UsageLedger ledger;
    private final Clock clock;

    UsageController(UsageLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    record BudgetView(
            @JsonInclude(JsonInclude.Include.ALWAYS)
                    @Schema(description = "null when the organization set no budget", nullable = true)
                    BigDecimal monthlyLimit,
            String currency,
            BigDecimal spentThisMonth,
            @Schema(
                            description =
                                    "true when replies come from the offline engine until the month ends or the limit rises")
                    boolean overBudget) {}

    record BudgetRequest(
            @Schema(description = "In currency units, to the cent; null removes the budget") BigDecimal monthlyLimit,
            @Schema(description = "USD, the currency of every price") String currency) {}

    @GetMapping("/usage")
    @Operation(summary = "Tokens and cost of the organization's model calls, in total, by model and by day (UTC)")
    UsageReport usage(
            SignedInMember member,
            @Parameter(description = "First day, YYYY-MM-DD; the first of this month when omitted")
                    @RequestParam(required = false)
                    String from,
            @Parameter(description = "Last day, included, YYYY-MM-DD; today when omitted")
                    @RequestParam(required = false)
                    String to) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate first = date("from", from, today.withDayOfMonth(1));
        LocalDate last = date("to", to, today);
        if (last.isBefore(first)) {
            throw ProblemException.invalid("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw ProblemException.invalid("to", "a report covers at most " + MAX_DAYS + " days");
        }
        return ledger.report(member.organization(), first, last);
    }

    @GetMapping("/organization/budget")
    @Operation(summary = "The organization's monthly budget and what it spent this month")
    BudgetView budget(SignedInMember member) {
        return view(member);
    }

    @PutMapping("/organization/budget")
    @Operation(
            summary = "Set the monthly budget",
            description =
                    "Past the limit, replies come from the offline engine until the month ends or the limit rises.")
    BudgetView setBudget(SignedInMember member, @RequestBody BudgetRequest body) {
        if (body == null || body.monthlyLimit() == null) {
            ledger.setBudget(member.organization(), null);
            return view(member);
        }
        if (body.currency() != null && !Prices.CURRENCY.equals(body.currency())) {
            throw ProblemException.invalid(
                    "currency", "must be " + Prices.CURRENCY + ": prices, costs and budgets are all in US dollars");
        }
        Budget budget;
        try {
            budget = new Budget(body.monthlyLimit(), Prices.CURRENCY);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("monthlyLimit", "must be between 0 and 1,000,000,000, to the cent");
        }
        ledger.setBudget(member.organization(), budget);
        return view(member);
    }

    private BudgetView view(SignedInMember member) {
        var budget = ledger.budget(member.organization());
        return new BudgetView(
                budget.map(Budget::monthlyLimit).orElse(null),
                Prices.CURRENCY,
                ledger.spentThisMonth(member.organization()).setScale(4, java.math.RoundingMode.HALF_UP),
                ledger.overBudget(member.organization()));
    }

    private static LocalDate date(String field, String value, LocalDate otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "must be a date like 2026-11-30");
        }
    }
}
