package io.parley.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SentimentAnalyzerTest {

    private final SentimentAnalyzer analyzer = new SentimentAnalyzer();

    private double compound(String text) {
        return analyzer.score(text).compound();
    }

    /** The demo sentences and compound scores published in vader-sentiment 1.1.3's own test suite and README. */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            textBlock =
                    """
            VADER is smart, handsome, and funny.                                               |  0.8316
            VADER is not smart, handsome, nor funny.                                           | -0.7424
            VADER is smart, handsome, and funny!                                               |  0.8439
            VADER is very smart, handsome, and funny.                                          |  0.8545
            VADER is VERY SMART, handsome, and FUNNY.                                          |  0.9227
            VADER is VERY SMART, handsome, and FUNNY!!!                                        |  0.9342
            VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!                           |  0.9469
            The book was good.                                                                 |  0.4404
            The book was kind of good.                                                         |  0.3832
            The plot was good, but the characters are uncompelling and the dialog is not great. | -0.7042
            At least it isn't a horrible book.                                                 |  0.431
            Make sure you :) or :D today!                                                      |  0.8633
            Today SUX!                                                                         | -0.5461
            Today only kinda sux! But I'll get by, lol                                         |  0.2228
            """)
    void reproducesThePublishedCompoundScores(String text, double published) {
        assertThat(compound(text)).isCloseTo(published, within(1e-9));
    }

    @Test
    void negationFlipsAndDampensTheFollowingSentiment() {
        assertThat(compound("The delivery was good.")).isCloseTo(0.4404, within(1e-9));
        assertThat(compound("The delivery was not good.")).isCloseTo(-0.3412, within(1e-9));
        assertThat(compound("The delivery wasn't good.")).isCloseTo(-0.3412, within(1e-9));
        assertThat(compound("I don't like this")).isCloseTo(-0.2755, within(1e-9));
        assertThat(compound("It's not bad at all")).isCloseTo(0.431, within(1e-9));
    }

    @Test
    void capitalsEmphasiseOnlyWhenTheRestOfTheTextIsNotShouted() {
        assertThat(compound("The delivery was GOOD.")).isCloseTo(0.5622, within(1e-9));
        assertThat(compound("The delivery was GOOD.")).isGreaterThan(compound("The delivery was good."));
        assertThat(compound("THE DELIVERY WAS GOOD.")).isEqualTo(compound("the delivery was good."));
    }

    @Test
    void theClauseAfterButWeighsMore() {
        assertThat(compound("The food was great, but the service was awful."))
                .isLessThan(0)
                .isCloseTo(-0.3506, within(1e-9));
        assertThat(compound("The service was awful, but the food was great."))
                .isGreaterThan(0)
                .isCloseTo(0.6858, within(1e-9));
    }

    @Test
    void exclamationMarksAmplifyUpToFour() {
        assertThat(compound("The delivery was good!!!")).isCloseTo(0.5826, within(1e-9));
        assertThat(compound("Awful")).isCloseTo(-0.4588, within(1e-9));
        assertThat(compound("Awful!")).isCloseTo(-0.5093, within(1e-9));
    }

    @Test
    void leastNegatesUnlessAtLeast() {
        assertThat(compound("The support was the least helpful.")).isCloseTo(0.0946, within(1e-9));
        assertThat(compound("At least the support was helpful.")).isCloseTo(0.6705, within(1e-9));
    }

    @Test
    void emoticonsCarrySentiment() {
        assertThat(compound("I want a refund :(")).isCloseTo(-0.3818, within(1e-9));
        assertThat(analyzer.score("I want a refund :(").label()).isEqualTo(Polarity.NEGATIVE);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            This is the third time my order is late, I'm furious | NEGATIVE
            This is the WORST service ever                       | NEGATIVE
            I am so angry                                        | NEGATIVE
            thanks, that helped a lot                            | POSITIVE
            thanks a lot!                                        | POSITIVE
            where is my order                                    | NEUTRAL
            Can I change the delivery address?                   | NEUTRAL
            """)
    void labelsCustomerMessages(String message, Polarity expected) {
        assertThat(analyzer.score(message).label()).isEqualTo(expected);
    }

    @Test
    void customerMessagesScoreAsTheReferenceImplementationDoes() {
        assertThat(compound("This is the third time my order is late, I'm furious"))
                .isCloseTo(-0.5719, within(1e-9));
        assertThat(compound("thanks, that helped a lot")).isCloseTo(0.4404, within(1e-9));
        assertThat(compound("where is my order")).isZero();
    }

    /** English only: a lexicon method finds nothing to score in other languages, so they come out neutral. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "Où est ma commande ? C'est inadmissible !",
                "Wo ist meine Bestellung? Das ist eine Katastrophe",
                "Dónde está mi pedido, estoy muy enojado"
            })
    void otherLanguagesMostlyScoreNeutral(String message) {
        assertThat(analyzer.score(message).label()).isEqualTo(Polarity.NEUTRAL);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\n\t", "a", "?", "!!!"})
    void emptyOrSentimentFreeTextIsNeutralZero(String text) {
        assertThat(analyzer.score(text)).isEqualTo(Sentiment.NEUTRAL);
    }

    @Test
    void compoundStaysWithinMinusOneAndOne() {
        String furious = "HORRIBLE TERRIBLE AWFUL DISGUSTING WORST ".repeat(200) + "service!!!!!";
        String delighted = "amazing wonderful excellent perfect love ".repeat(200);
        assertThat(compound(furious)).isBetween(-1.0, -0.99);
        assertThat(compound(delighted)).isBetween(0.99, 1.0);
    }

    @Test
    void labelUsesTheStandardVaderThresholds() {
        assertThat(new Sentiment(-0.05).label()).isEqualTo(Polarity.NEGATIVE);
        assertThat(new Sentiment(-0.0499).label()).isEqualTo(Polarity.NEUTRAL);
        assertThat(new Sentiment(0.0).label()).isEqualTo(Polarity.NEUTRAL);
        assertThat(new Sentiment(0.0499).label()).isEqualTo(Polarity.NEUTRAL);
        assertThat(new Sentiment(0.05).label()).isEqualTo(Polarity.POSITIVE);
        assertThat(new Sentiment(-1).label()).isEqualTo(Polarity.NEGATIVE);
        assertThat(new Sentiment(1).label()).isEqualTo(Polarity.POSITIVE);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-1.0001, 1.0001, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void rejectsACompoundOutsideMinusOneToOne(double compound) {
        assertThatThrownBy(() -> new Sentiment(compound))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from -1 to 1");
    }

    @Test
    void tokenizerStripsAdjacentPunctuationButKeepsEmoticonsAndContractions() {
        assertThat(new VaderText("some words!!!").words).containsExactly("some", "words");
        assertThat(new VaderText("??some words").words).containsExactly("some", "words");
        assertThat(new VaderText("an emoticon 8D").words).containsExactly("an", "emoticon", "8D");
        assertThat(new VaderText("this contraction don't").words).containsExactly("this", "contraction", "don't");
        assertThat(new VaderText("a b c").words).isEmpty();
        assertThat(new VaderText("late,\u00a0so\u2003sad :(").words).containsExactly("late", "so", "sad", ":(");
    }

    @Test
    void lexiconHasEveryPublishedTokenAndTheLaterOfTwoRatingsWins() throws IOException {
        VaderLexicon lexicon = VaderLexicon.standard();
        assertThat(lexicon.size()).isEqualTo(7503);
        assertThat(lexicon.valence("good")).isEqualTo(1.9);
        assertThat(lexicon.valence("lol")).isEqualTo(1.8);

        var twice = "ok\t1.6\t1.4\t[]\nok\t1.2\t0.4\t[]\n".getBytes(StandardCharsets.UTF_8);
        assertThat(VaderLexicon.read(new ByteArrayInputStream(twice)).valence("ok"))
                .isEqualTo(1.2);
    }

    @Test
    void malformedLexiconLineIsReported() {
        var broken = "good\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> VaderLexicon.read(new ByteArrayInputStream(broken)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("without a valence");
    }

    @Test
    void givesTheSameScoresFromManyThreadsAtOnce() throws Exception {
        List<String> messages = List.of(
                "This is the third time my order is late, I'm furious",
                "thanks, that helped a lot",
                "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
                "The plot was good, but the characters are uncompelling and the dialog is not great.");
        List<Double> expected = messages.stream().map(this::compound).toList();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<List<Double>>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> {
                    var shared = analyzer;
                    List<Double> last = null;
                    for (int round = 0; round < 500; round++) {
                        last = messages.stream()
                                .map(m -> shared.score(m).compound())
                                .toList();
                        if (!last.equals(expected)) {
                            return last;
                        }
                    }
                    return last;
                }));
            }
            for (Future<List<Double>> run : runs) {
                assertThat(run.get()).isEqualTo(expected);
            }
        }
    }
}
