package io.parley.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accuracy on a public labelled set: the UCI "Sentiment Labelled Sentences" (Kotzias et al., KDD 2015), 1,000 Amazon,
 * 1,000 IMDb and 1,000 Yelp review sentences labelled negative (0) or positive (1). See
 * {@code src/test/resources/sentiment/README.md} for their source.
 *
 * <p>The floors sit a little under what was measured, so that a broken port or a damaged lexicon fails while a
 * harmless change does not. The figures are printed for the record.
 */
class SentimentAccuracyTest {

    private static final List<String> SETS = List.of("amazon", "imdb", "yelp");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<String, List<Labelled>> labelled = new LinkedHashMap<>();

    private final SentimentAnalyzer analyzer = new SentimentAnalyzer();

    record Labelled(String text, boolean positive) {}

    @BeforeAll
    static void readSets() throws IOException {
        for (String set : SETS) {
            List<Labelled> sentences = new ArrayList<>();
            for (JsonNode entry : read(set + ".json")) {
                // Each file ends with {"text":"","class":null}, a conversion artefact; only 0/1 entries are sentences.
                JsonNode label = entry.get("class");
                if (label != null && label.isInt() && (label.asInt() == 0 || label.asInt() == 1)) {
                    sentences.add(new Labelled(entry.get("text").asString(), label.asInt() == 1));
                }
            }
            labelled.put(set, sentences);
        }
    }

    @Test
    void everySetHasAThousandBalancedSentences() {
        for (String set : SETS) {
            assertThat(labelled.get(set)).as(set).hasSize(1000);
            assertThat(labelled.get(set).stream().filter(Labelled::positive))
                    .as(set)
                    .hasSize(500);
        }
    }

    /**
     * The compound score of each of the 3,000 sentences as vader-sentiment 1.1.3 (JavaScript, run with Node 20) gives
     * it, to four decimals: the port must agree on every one.
     */
    @Test
    void scoresEverySentenceExactlyAsTheJavaScriptImplementationDoes() throws IOException {
        JsonNode reference = read("vader-js-compound.json");
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        for (String set : SETS) {
            List<Labelled> sentences = labelled.get(set);
            JsonNode expected = reference.get(set);
            assertThat(expected.size()).as(set).isEqualTo(sentences.size());
            for (int i = 0; i < sentences.size(); i++) {
                double ours = analyzer.score(sentences.get(i).text()).compound();
                double theirs = expected.get(i).asDouble();
                compared++;
                if (Math.abs(ours - theirs) > 1e-9) {
                    disagreements.add(set + "[" + i + "] " + ours + " vs " + theirs + ": "
                            + sentences.get(i).text());
                }
            }
        }
        assertThat(compared).isEqualTo(3000);
        assertThat(disagreements).isEmpty();
    }

    @Test
    void accuracyOnTheUciSentimentLabelledSentences() {
        Map<String, Tally> tallies = new LinkedHashMap<>();
        Tally all = new Tally();
        for (String set : SETS) {
            Tally tally = new Tally();
            for (Labelled sentence : labelled.get(set)) {
                Sentiment sentiment = analyzer.score(sentence.text());
                tally.add(sentiment, sentence.positive());
                all.add(sentiment, sentence.positive());
            }
            tallies.put(set, tally);
        }
        tallies.put("all", all);
        print(tallies);

        // Measured (see the printed table): amazon 0.754, imdb 0.767, yelp 0.722, all 0.748.
        assertThat(tallies.get("amazon").accuracy()).isGreaterThanOrEqualTo(0.73);
        assertThat(tallies.get("imdb").accuracy()).isGreaterThanOrEqualTo(0.74);
        assertThat(tallies.get("yelp").accuracy()).isGreaterThanOrEqualTo(0.70);
        assertThat(all.accuracy()).isGreaterThanOrEqualTo(0.72);
        // Measured 0.856 on the 79 % that are not neutral, 22.3 % neutral.
        assertThat(all.accuracyExcludingNeutral()).isGreaterThanOrEqualTo(0.83);
        assertThat(all.neutralShare()).isLessThanOrEqualTo(0.26);
        // What the escalation trigger sees: "negative" is label() == NEGATIVE. Measured 0.925 precision, 0.529 recall.
        assertThat(all.negativePrecision()).isGreaterThanOrEqualTo(0.90);
        assertThat(all.negativeRecall()).isGreaterThanOrEqualTo(0.50);
    }

    private static void print(Map<String, Tally> tallies) {
        var out =
                new StringBuilder("\nVADER on UCI Sentiment Labelled Sentences (binary: compound >= 0 is positive)\n");
        out.append(String.format(
                Locale.ROOT,
                "%-7s %5s %9s %8s %14s %9s %9s %9s%n",
                "set",
                "n",
                "accuracy",
                "neutral",
                "acc. non-neut.",
                "neg. P",
                "neg. R",
                "neg. F1"));
        tallies.forEach((set, t) -> out.append(String.format(
                Locale.ROOT,
                "%-7s %5d %9.4f %8.4f %14.4f %9.4f %9.4f %9.4f%n",
                set,
                t.n,
                t.accuracy(),
                t.neutralShare(),
                t.accuracyExcludingNeutral(),
                t.negativePrecision(),
                t.negativeRecall(),
                t.negativeF1())));
        List<Tally> sets = tallies.entrySet().stream()
                .filter(e -> !e.getKey().equals("all"))
                .map(Map.Entry::getValue)
                .toList();
        out.append(String.format(
                Locale.ROOT,
                "macro over the 3 sets: accuracy %.4f, negative precision %.4f, negative recall %.4f%n",
                sets.stream().mapToDouble(Tally::accuracy).average().orElseThrow(),
                sets.stream().mapToDouble(Tally::negativePrecision).average().orElseThrow(),
                sets.stream().mapToDouble(Tally::negativeRecall).average().orElseThrow()));
        System.out.println(out);
    }

    private static JsonNode read(String name) throws IOException {
        try (InputStream in = SentimentAccuracyTest.class.getResourceAsStream("/sentiment/" + name)) {
            assertThat(in).as(name).isNotNull();
            return JSON.readTree(in);
        }
    }

    /** Counts for one set. "Negative" predicted means {@link Polarity#NEGATIVE}, i.e. compound <= -0.05. */
    private static final class Tally {
        int n;
        int binaryCorrect;
        int neutral;
        int nonNeutralCorrect;
        int negativeHit;
        int negativeFalseAlarm;
        int negativeMissed;

        void add(Sentiment sentiment, boolean positive) {
            n++;
            if ((sentiment.compound() >= 0) == positive) {
                binaryCorrect++;
            }
            Polarity label = sentiment.label();
            if (label == Polarity.NEUTRAL) {
                neutral++;
            } else if ((label == Polarity.POSITIVE) == positive) {
                nonNeutralCorrect++;
            }
            boolean flagged = label == Polarity.NEGATIVE;
            if (flagged && !positive) {
                negativeHit++;
            } else if (flagged) {
                negativeFalseAlarm++;
            } else if (!positive) {
                negativeMissed++;
            }
        }

        double accuracy() {
            return (double) binaryCorrect / n;
        }

        double neutralShare() {
            return (double) neutral / n;
        }

        double accuracyExcludingNeutral() {
            return (double) nonNeutralCorrect / (n - neutral);
        }

        double negativePrecision() {
            return (double) negativeHit / (negativeHit + negativeFalseAlarm);
        }

        double negativeRecall() {
            return (double) negativeHit / (negativeHit + negativeMissed);
        }

        double negativeF1() {
            double p = negativePrecision();
            double r = negativeRecall();
            return 2 * p * r / (p + r);
        }
    }
}
