package io.parley.sentiment;

import static io.parley.sentiment.VaderVocabulary.BOOSTERS;
import static io.parley.sentiment.VaderVocabulary.IDIOMS;
import static io.parley.sentiment.VaderVocabulary.NEGATIONS;
import static io.parley.sentiment.VaderVocabulary.isDegreeWord;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Scores the sentiment of a customer's message with VADER (Hutto &amp; Gilbert, ICWSM 2014): a lexicon of about 7,500
 * English words, emoticons and slang rated by people, plus rules for negation ("not good", "isn't great"), degree
 * words ("very", "kind of"), ALL-CAPS emphasis, a contrastive "but", "least", and "!"/"??" emphasis. The rules are
 * ported from the JavaScript package vader-sentiment 1.1.3 and reproduce its compound scores, to four decimals.
 *
 * <p><b>English only.</b> Words of other languages are not in the lexicon, so a French, German or Spanish message
 * mostly scores 0 ({@link Polarity#NEUTRAL}) whatever its tone; only emoticons ({@code :(}), a few shared words and
 * loanwords move it. Neutral therefore means "no English sentiment found", not "calm". Emoji are not scored by this
 * version. Sarcasm and domain meanings ("the parcel is sick") are beyond any lexicon method.
 *
 * <p>Quirks kept from the JavaScript version, so that its published scores hold: negations and "but" are matched
 * case-sensitively ("I do NOT like it" is not negated; a capitalised "But" starting a sentence shifts nothing), and a
 * word with more than three "!" stuck to it ("terrible!!!!") is not found in the lexicon. The current Python VADER
 * handles these; following it would be a deliberate departure from the reference scores tested here.
 *
 * <p>Thread-safe and cheap: the lexicon is read once per JVM on first use and never changes; a score allocates only
 * per-message lists. No I/O, no network, no model.
 */
public final class SentimentAnalyzer {

    private static final double BOOSTER_INCREMENT = 0.293;
    private static final double BOOSTER_DECREMENT = -0.293;
    private static final double CAPS_INCREMENT = 0.733;
    private static final double NEGATION_SCALAR = -0.74;
    private static final double NORMALIZATION_ALPHA = 15;

    private final VaderLexicon lexicon;

    public SentimentAnalyzer() {
        this(VaderLexicon.standard());
    }

    SentimentAnalyzer(VaderLexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** The sentiment of {@code text}; {@link Sentiment#NEUTRAL} for null, blank or sentiment-free text. */
    public Sentiment score(String text) {
        if (text == null || text.isBlank()) {
            return Sentiment.NEUTRAL;
        }
        var sentiText = new VaderText(text);
        List<String> words = sentiText.words;
        List<String> lowerWords = sentiText.lowerWords;
        double[] valences = new double[words.size()];
        for (int i = 0; i < words.size(); i++) {
            String lower = lowerWords.get(i);
            boolean kindOf = i < words.size() - 1
                    && lower.equals("kind")
                    && lowerWords.get(i + 1).equals("of");
            // A degree word only modifies its neighbour; it carries no valence of its own.
            if (!kindOf && !isDegreeWord(lower)) {
                valences[i] = valence(sentiText, i);
            }
        }
        butShift(words, valences);
        return new Sentiment(compound(valences, text));
    }

    private double valence(VaderText sentiText, int index) {
        List<String> words = sentiText.words;
        List<String> lowerWords = sentiText.lowerWords;
        String item = words.get(index);
        String itemLower = lowerWords.get(index);
        if (!lexicon.contains(itemLower)) {
            return 0;
        }
        double valence = lexicon.valence(itemLower);
        if (sentiText.capsEmphasis && VaderText.isAllCaps(item)) {
            valence += valence > 0 ? CAPS_INCREMENT : -CAPS_INCREMENT;
        }
        for (int distance = 0; distance < 3; distance++) {
            int before = index - distance - 1;
            if (index > distance && !lexicon.contains(lowerWords.get(before))) {
                double scalar =
                        degreeScalar(words.get(before), lowerWords.get(before), valence, sentiText.capsEmphasis);
                if (distance == 1 && scalar != 0) {
                    scalar *= 0.95;
                } else if (distance == 2 && scalar != 0) {
                    scalar *= 0.9;
                }
                valence = negationCheck(valence + scalar, words, distance, index);
                if (distance == 2) {
                    valence = idiomCheck(valence, words, index);
                }
            }
        }
        return leastCheck(valence, lowerWords, index);
    }

    /** How much a degree word ("very", "barely") before a sentiment word moves it, away from or towards zero. */
    private static double degreeScalar(String word, String lower, double valence, boolean capsEmphasis) {
        if (!isDegreeWord(lower)) {
            return 0;
        }
        double scalar = BOOSTERS.contains(lower) ? BOOSTER_INCREMENT : BOOSTER_DECREMENT;
        if (valence < 0) {
            scalar *= -1;
        }
        if (capsEmphasis && VaderText.isAllCaps(word)) {
            scalar += valence > 0 ? CAPS_INCREMENT : -CAPS_INCREMENT;
        }
        return scalar;
    }

    // Case-sensitive comparisons below ("never", "so", negations) are as in vader-sentiment 1.1.3.
    private static double negationCheck(double valence, List<String> words, int distance, int index) {
        if (distance == 0) {
            if (isNegation(words.get(index - 1))) {
                return valence * NEGATION_SCALAR;
            }
        } else if (distance == 1) {
            if (words.get(index - 2).equals("never") && isSoOrThis(words.get(index - 1))) {
                return valence * 1.5;
            } else if (isNegation(words.get(index - 2))) {
                return valence * NEGATION_SCALAR;
            }
        } else {
            if ((words.get(index - 3).equals("never") && isSoOrThis(words.get(index - 2)))
                    || isSoOrThis(words.get(index - 1))) {
                return valence * 1.25;
            } else if (isNegation(words.get(index - 3))) {
                return valence * NEGATION_SCALAR;
            }
        }
        return valence;
    }

    private static double idiomCheck(double valence, List<String> words, int index) {
        String zero = words.get(index);
        String one = words.get(index - 1);
        String two = words.get(index - 2);
        String three = words.get(index - 3);
        String twoOne = two + " " + one;
        String threeTwo = three + " " + two;
        for (String sequence : List.of(
                one + " " + zero, two + " " + one + " " + zero, twoOne, three + " " + two + " " + one, threeTwo)) {
            Double idiom = IDIOMS.get(sequence);
            if (idiom != null) {
                valence = idiom;
                break;
            }
        }
        if (words.size() - 1 > index) {
            Double idiom = IDIOMS.get(zero + " " + words.get(index + 1));
            if (idiom != null) {
                valence = idiom;
            }
        }
        if (words.size() - 1 > index + 1) {
            Double idiom = IDIOMS.get(zero + " " + words.get(index + 1) + " " + words.get(index + 2));
            if (idiom != null) {
                valence = idiom;
            }
        }
        // Two-word degree phrases ("kind of", "sort of") before the sentiment word.
        if (isDegreeWord(threeTwo) || isDegreeWord(twoOne)) {
            valence += BOOSTER_DECREMENT;
        }
        return valence;
    }

    /** "least good" flips; "at least good" and "very least good" do not. */
    private double leastCheck(double valence, List<String> lowerWords, int index) {
        if (index > 0 && lowerWords.get(index - 1).equals("least") && !lexicon.contains("least")) {
            if (index == 1) {
                return valence * NEGATION_SCALAR;
            }
            String before = lowerWords.get(index - 2);
            if (!before.equals("at") && !before.equals("very")) {
                return valence * NEGATION_SCALAR;
            }
        }
        return valence;
    }

    /** After a contrastive "but" the second clause dominates: halve what came before, add half to what follows. */
    private static void butShift(List<String> words, double[] valences) {
        int but = words.indexOf("but");
        if (but == -1) {
            but = words.indexOf("BUT");
        }
        if (but == -1) {
            return;
        }
        for (int i = 0; i < valences.length; i++) {
            if (i < but) {
                valences[i] *= 0.5;
            } else if (i > but) {
                valences[i] *= 1.5;
            }
        }
    }

    private static double compound(double[] valences, String text) {
        double sum = 0;
        for (double valence : valences) {
            sum += valence;
        }
        double emphasis = exclamationEmphasis(text) + questionEmphasis(text);
        if (sum > 0) {
            sum += emphasis;
        } else if (sum < 0) {
            sum -= emphasis;
        }
        double normalized = sum / Math.sqrt(sum * sum + NORMALIZATION_ALPHA);
        double clamped = Math.max(-1.0, Math.min(1.0, normalized));
        // Four decimals, half away from zero on the exact binary value: what JavaScript's toFixed(4) gives.
        return new BigDecimal(clamped).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }

    private static double exclamationEmphasis(String text) {
        return Math.min(count(text, '!'), 4) * 0.292;
    }

    private static double questionEmphasis(String text) {
        int marks = count(text, '?');
        if (marks <= 1) {
            return 0;
        }
        return marks <= 3 ? marks * 0.18 : 0.96;
    }

    private static int count(String text, char c) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    private static boolean isNegation(String word) {
        return NEGATIONS.contains(word) || word.contains("n't");
    }

    private static boolean isSoOrThis(String word) {
        return word.equals("so") || word.equals("this");
    }
}
