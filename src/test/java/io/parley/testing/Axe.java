package io.parley.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * axe-core (vendored under src/test/resources/axe, MPL-2.0) run in a Playwright page against the WCAG 2.1 A and AA
 * rules. axe scans open shadow roots too, so a page with the widget open is checked inside the widget as well.
 *
 * <p>The script is injected as an inline {@code <script>}, which a page with a Content-Security-Policy (the console)
 * refuses: create the browser context with {@link #contextOptions()} or {@code setBypassCSP(true)}.
 */
public final class Axe {

    /** The rule sets checked: WCAG 2.0 and 2.1, levels A and AA. */
    public static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    /** Impacts that fail a test; "minor" and "moderate" findings are reported by axe but not enforced here. */
    public static final List<String> FAILING_IMPACTS = List.of("serious", "critical");

    private static final String SCRIPT = load();

    private static final String RUN =
            """
            async (tags) => {
              // Colours are measured as they end up, not halfway through a fade-in: wait for every animation that
              // ends, in the document and in open shadow roots (document.getAnimations() does not see into those).
              const roots = [document];
              for (let i = 0; i < roots.length; i++) {
                roots[i].querySelectorAll('*').forEach(e => { if (e.shadowRoot) roots.push(e.shadowRoot); });
              }
              await Promise.all(roots.flatMap(r => r.getAnimations())
                .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
                .map(a => a.finished.catch(() => null)));
              const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
              return result.violations.map(v => ({
                id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({
                  impact: n.impact || v.impact || '',
                  target: n.target.map(t => Array.isArray(t) ? t.join(' >> ') : String(t)).join(' | '),
                  html: n.html,
                  summary: n.failureSummary || '' })) }));
            }""";

    private Axe() {}

    /** A context that lets the inline axe script run on pages with a Content-Security-Policy. */
    public static Browser.NewContextOptions contextOptions() {
        return new Browser.NewContextOptions().setBypassCSP(true).setViewportSize(1280, 900);
    }

    /** One broken rule and the elements that break it. */
    public record Violation(String id, String impact, String help, String helpUrl, List<Node> nodes) {
        public Violation {
            Objects.requireNonNull(id, "id");
            nodes = List.copyOf(nodes);
        }

        boolean fails() {
            return FAILING_IMPACTS.contains(impact);
        }
    }

    /** An element that breaks a rule: its selector (shadow roots joined with {@code >>}), its markup, and why. */
    public record Node(String target, String html, String summary) {}

    /** Every WCAG 2.1 A/AA violation on the page as it is now, whatever its impact. */
    public static List<Violation> scan(Page page) {
        if (!(Boolean) page.evaluate("() => typeof window.axe === 'object'")) {
            try {
                page.addScriptTag(new Page.AddScriptTagOptions().setContent(SCRIPT));
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "Could not inject axe-core (a Content-Security-Policy? create the context with "
                                + "Axe.contextOptions() or setBypassCSP(true))",
                        e);
            }
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> raw = (List<Map<String, Object>>) page.evaluate(RUN, TAGS);
        return raw.stream().map(Axe::violation).toList();
    }

    /**
     * Fails with a readable list (rule, impact, element, what to fix) when the page has a serious or critical
     * violation of the WCAG 2.1 A/AA rules.
     */
    public static void assertNoSeriousViolations(Page page, String what) {
        List<Violation> failing = scan(page).stream().filter(Violation::fails).toList();
        if (!failing.isEmpty()) {
            throw new AssertionError(report(what + " (" + page.url() + ")", failing));
        }
    }

    static String report(String where, List<Violation> violations) {
        String list = violations.stream()
                .map(v -> "- " + v.id() + " (" + v.impact() + "): " + v.help() + "\n  " + v.helpUrl() + "\n"
                        + v.nodes().stream()
                                .map(n -> "    at " + n.target() + "\n      " + n.html() + "\n      "
                                        + n.summary().replace("\n", "\n      "))
                                .collect(Collectors.joining("\n")))
                .collect(Collectors.joining("\n"));
        return violations.size() + " serious or critical accessibility violation" + (violations.size() == 1 ? "" : "s")
                + " on " + where + ":\n" + list;
    }

    @SuppressWarnings("unchecked")
    private static Violation violation(Map<String, Object> v) {
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) v.get("nodes");
        return new Violation(
                (String) v.get("id"),
                (String) v.get("impact"),
                (String) v.get("help"),
                (String) v.get("helpUrl"),
                nodes.stream()
                        .map(n -> new Node((String) n.get("target"), (String) n.get("html"), (String) n.get("summary")))
                        .toList());
    }

    private static String load() {
        try (InputStream in = Axe.class.getResourceAsStream("/axe/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe/axe.min.js is missing from the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
