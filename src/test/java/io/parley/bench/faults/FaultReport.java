package io.parley.bench.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one fault run found: its checks (each passed or failed, with the figures behind it) and its counts. The
 * verdict is PASS when every check passed. Not thread-safe: filled in by the run's own thread.
 */
public final class FaultReport {

    /** One property the run verifies, e.g. "no acknowledged message is missing". */
    public record Check(String name, boolean passed, String detail) {}

    private final String name;
    private final List<Check> checks = new ArrayList<>();
    private final Map<String, Object> counts = new LinkedHashMap<>();

    FaultReport(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public boolean passed() {
        return !checks.isEmpty() && checks.stream().allMatch(Check::passed);
    }

    public String verdict() {
        return passed() ? "PASS" : "FAIL";
    }

    public List<Check> checks() {
        return List.copyOf(checks);
    }

    public Map<String, Object> counts() {
        return Map.copyOf(counts);
    }

    /** The failed checks, one line each; empty when the run passed. */
    public List<String> failures() {
        return checks.stream()
                .filter(c -> !c.passed())
                .map(c -> c.name() + ": " + c.detail())
                .toList();
    }

    FaultReport check(String check, boolean passed, String detail) {
        checks.add(new Check(check, passed, detail));
        return this;
    }

    FaultReport count(String key, Object value) {
        counts.put(key, value);
        return this;
    }

    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("run", "fault-" + name);
        map.put("verdict", verdict());
        List<Map<String, Object>> list = new ArrayList<>();
        for (Check c : checks) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("check", c.name());
            check.put("passed", c.passed());
            check.put("detail", c.detail());
            list.add(check);
        }
        map.put("checks", list);
        map.put("counts", counts);
        return map;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("fault-" + name + ": " + verdict() + "\n");
        for (Check c : checks) {
            text.append("  [").append(c.passed() ? "ok" : "FAILED").append("] ").append(c.name());
            text.append(" (").append(c.detail()).append(")\n");
        }
        counts.forEach(
                (k, v) -> text.append("  ").append(k).append(": ").append(v).append('\n'));
        return text.toString();
    }
}
