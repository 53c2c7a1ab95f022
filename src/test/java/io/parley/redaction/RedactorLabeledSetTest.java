package io.parley.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Precision and recall of the {@link Redactor} on labeled customer messages ({@code redaction/labeled-messages.json}):
 * a finding counts only when its kind, start and end are exactly the label's. The rules were tuned on the {@code tune}
 * half; the {@code test} half is the one reported in docs/benchmarks.md. The floors keep a regression from passing.
 */
class RedactorLabeledSetTest {

    /** Every kind, on each half. */
    private static final double KIND_FLOOR = 0.90;

    /** All kinds together, on each half. */
    private static final double OVERALL_FLOOR = 0.95;

    private record Span(PiiKind kind, int start, int end) {}

    private record Labeled(String id, String split, String text, Set<Span> spans) {}

    private static final class Tally {
        int truePositives;
        int falsePositives;
        int falseNegatives;

        double precision() {
            int found = truePositives + falsePositives;
            return found == 0 ? 1 : (double) truePositives / found;
        }

        double recall() {
            int expected = truePositives + falseNegatives;
            return expected == 0 ? 1 : (double) truePositives / expected;
        }
    }

    private final Redactor redactor = new Redactor();

    @Test
    void tuneHalfKeepsItsFloors() throws IOException {
        measure("tune");
    }

    @Test
    void testHalfKeepsItsFloors() throws IOException {
        measure("test");
    }

    private void measure(String split) throws IOException {
        List<Labeled> messages =
                load().stream().filter(m -> m.split().equals(split)).toList();
        Map<PiiKind, Tally> byKind = new EnumMap<>(PiiKind.class);
        for (PiiKind kind : PiiKind.values()) {
            byKind.put(kind, new Tally());
        }
        Tally overall = new Tally();
        List<String> misses = new ArrayList<>();
        for (Labeled message : messages) {
            Set<Span> found = new HashSet<>();
            for (Finding f : redactor.find(message.text())) {
                found.add(new Span(f.kind(), f.start(), f.end()));
            }
            for (Span span : found) {
                Tally tally = byKind.get(span.kind());
                if (message.spans().contains(span)) {
                    tally.truePositives++;
                    overall.truePositives++;
                } else {
                    tally.falsePositives++;
                    overall.falsePositives++;
                    misses.add("FP %s %s %s: %s"
                            .formatted(message.id(), span.kind(), quote(message, span), message.text()));
                }
            }
            for (Span span : message.spans()) {
                if (!found.contains(span)) {
                    byKind.get(span.kind()).falseNegatives++;
                    overall.falseNegatives++;
                    misses.add("FN %s %s %s: %s"
                            .formatted(message.id(), span.kind(), quote(message, span), message.text()));
                }
            }
        }
        StringBuilder report =
                new StringBuilder("PII redaction, %s half, %d messages%n".formatted(split, messages.size()));
        report.append("kind    expected  found  precision  recall%n".formatted());
        byKind.forEach((kind, t) -> report.append(line(kind.name().toLowerCase(Locale.ROOT), t)));
        report.append(line("overall", overall));
        misses.forEach(m -> report.append("  ").append(m).append('\n'));
        System.out.print(report);

        assertThat(messages).hasSizeGreaterThanOrEqualTo(150);
        byKind.forEach((kind, t) -> {
            assertThat(t.precision()).as("%s precision, %s half", kind, split).isGreaterThanOrEqualTo(KIND_FLOOR);
            assertThat(t.recall()).as("%s recall, %s half", kind, split).isGreaterThanOrEqualTo(KIND_FLOOR);
        });
        assertThat(overall.precision()).as("overall precision, %s half", split).isGreaterThanOrEqualTo(OVERALL_FLOOR);
        assertThat(overall.recall()).as("overall recall, %s half", split).isGreaterThanOrEqualTo(OVERALL_FLOOR);
    }

    private static String line(String name, Tally t) {
        return "%-8s %8d %6d %10.3f %7.3f%n"
                .formatted(
                        name,
                        t.truePositives + t.falseNegatives,
                        t.truePositives + t.falsePositives,
                        t.precision(),
                        t.recall());
    }

    private static String quote(Labeled message, Span span) {
        return "'" + message.text().substring(span.start(), span.end()) + "'";
    }

    private static List<Labeled> load() throws IOException {
        try (InputStream in = RedactorLabeledSetTest.class.getResourceAsStream("/redaction/labeled-messages.json")) {
            JsonNode root = JsonMapper.builder().build().readTree(in);
            List<Labeled> messages = new ArrayList<>();
            for (JsonNode m : root.get("messages")) {
                Set<Span> spans = new HashSet<>();
                for (JsonNode s : m.get("spans")) {
                    Span span = new Span(
                            PiiKind.valueOf(s.get("kind").asString().toUpperCase(Locale.ROOT)),
                            s.get("start").asInt(),
                            s.get("end").asInt());
                    assertThat(m.get("text").asString().substring(span.start(), span.end()))
                            .as("label of %s", m.get("id").asString())
                            .isEqualTo(s.get("text").asString());
                    spans.add(span);
                }
                messages.add(new Labeled(
                        m.get("id").asString(),
                        m.get("split").asString(),
                        m.get("text").asString(),
                        spans));
            }
            return messages;
        }
    }
}
