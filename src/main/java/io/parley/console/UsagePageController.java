package io.parley.console;

import io.parley.llm.Prices;
import io.parley.tenant.SignedInMember;
import io.parley.usage.Budget;
import io.parley.usage.UsageLedger;
import io.parley.usage.UsageReport;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The "Usage" page: what the assistant's models cost, this month or over the last 30 days, by day in a chart and by
 * model in a table, and the monthly budget they are held to.
 */
@Controller
@RequestMapping("/console/usage")
class UsagePageController {

    private final UsageLedger ledger;
    private final Clock clock;
    private final JsonMapper json;

    UsagePageController(UsageLedger ledger, Clock clock, JsonMapper json) {
        this.ledger = ledger;
        this.clock = clock;
        this.json = json;
    }

    /** One day of the chart: its label and figures, read by console-usage.js from a JSON data block. */
    record ChartDay(String date, BigDecimal cost, long inputTokens, long outputTokens) {}

    @GetMapping
    String page(
            SignedInMember member,
            @RequestParam(defaultValue = "month") String range,
            @RequestParam(required = false) String saved,
            Model model) {
        if (saved != null) {
            model.addAttribute("notice", "Budget saved.");
        }
        BigDecimal current =
                ledger.budget(member.organization()).map(Budget::monthlyLimit).orElse(null);
        return render(member, range, current == null ? "" : current.toPlainString(), null, model);
    }

    @PostMapping("/budget")
    String saveBudget(
            SignedInMember member,
            @RequestParam(defaultValue = "") String monthlyLimit,
            HttpServletResponse response,
            Model model) {
        String typed = monthlyLimit.strip().replace(",", "").replace("$", "");
        if (typed.isEmpty()) {
            ledger.setBudget(member.organization(), null);
            return "redirect:/console/usage?saved";
        }
        try {
            ledger.setBudget(member.organization(), new Budget(new BigDecimal(typed), Prices.CURRENCY));
            return "redirect:/console/usage?saved";
        } catch (IllegalArgumentException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(
                    member,
                    "month",
                    monthlyLimit,
                    "Enter an amount in US dollars between 0 and 1,000,000,000, like 50 or 12.50, or leave it empty for no budget.",
                    model);
        }
    }

    private String render(SignedInMember member, String range, String limitField, String limitError, Model model) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        boolean last30 = "30d".equals(range);
        LocalDate from = last30 ? today.minusDays(29) : today.withDayOfMonth(1);
        UsageReport report = ledger.report(member.organization(), from, today);
        BigDecimal spent = ledger.spentThisMonth(member.organization());
        BigDecimal limit =
                ledger.budget(member.organization()).map(Budget::monthlyLimit).orElse(null);
        model.addAttribute("section", "usage");
        model.addAttribute("range", last30 ? "30d" : "month");
        model.addAttribute("report", report);
        model.addAttribute("spent", spent);
        model.addAttribute("limit", limit);
        model.addAttribute("overBudget", ledger.overBudget(member.organization()));
        model.addAttribute(
                "spentPercent",
                limit == null || limit.signum() == 0
                        ? (limit == null ? 0 : 100)
                        : spent.multiply(BigDecimal.valueOf(100))
                                .divide(limit, 0, RoundingMode.HALF_UP)
                                .min(BigDecimal.valueOf(100))
                                .intValue());
        model.addAttribute("limitField", limitField);
        model.addAttribute("limitError", limitError);
        List<ChartDay> days = report.byDay().stream()
                .map(d -> new ChartDay(d.date().toString(), d.cost(), d.inputTokens(), d.outputTokens()))
                .toList();
        // Read by console-usage.js; numbers and ISO dates only, so nothing in it can end the script element early.
        model.addAttribute("chartJson", json.writeValueAsString(Map.of("currency", Prices.CURRENCY, "days", days)));
        return "console/usage";
    }
}
