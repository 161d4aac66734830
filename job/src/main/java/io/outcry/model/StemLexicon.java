package io.outcry.model;

import io.outcry.sentiment.LexiconSentimentScorer;
import java.util.HashMap;
import java.util.Map;

/**
 * The valences of the bundled Italian lexicon's single words by their {@link ItalianStemmer}
 * stem: the mean of the words that share it, when they agree in sign; a stem whose words
 * disagree ("delicato", "delicata" against a negative form) has none.
 */
final class StemLexicon {

    private StemLexicon() {}

    /** The valence of the lexicon words of stem {@code stem}, on VADER's -4..4 scale; 0 for none. */
    static double valence(String stem) {
        return Holder.VALENCES.getOrDefault(stem, 0.0);
    }

    private static final class Holder {

        static final Map<String, Double> VALENCES = build(LexiconSentimentScorer.bundled().wordValences("it"));
    }

    static Map<String, Double> build(Map<String, Double> words) {
        Map<String, double[]> sums = new HashMap<>();
        words.forEach((word, valence) -> {
            double[] sum = sums.computeIfAbsent(ItalianStemmer.stem(word), stem -> new double[3]);
            sum[0] += valence;
            sum[1]++;
            sum[2] += Math.signum(valence);
        });
        Map<String, Double> stems = new HashMap<>();
        sums.forEach((stem, sum) -> {
            if (Math.abs(sum[2]) == sum[1]) {
                stems.put(stem, sum[0] / sum[1]);
            }
        });
        return Map.copyOf(stems);
    }
}
