package io.outcry.model;

import io.outcry.sentiment.Sentiment;
import io.outcry.sentiment.SentimentScorer;
import io.outcry.text.TokenizedText;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Polarity from a model trained on polarity labels ({@code outcry train --label ...}), the
 * trainable alternative to {@link io.outcry.sentiment.LexiconSentimentScorer}. The model must
 * know a {@value #NEGATIVE} class; a {@value #POSITIVE} class is optional (a model trained
 * negative-vs-rest has none).
 *
 * <p>Polarity is {@code P(positive) - P(negative)}; a post is negative when
 * {@value #NEGATIVE} is the most probable class or its probability reaches the threshold:
 * the model file's own when it was trained with {@code --positive-class negative}.
 */
public final class LinearModelSentimentScorer implements SentimentScorer {

    public static final String NEGATIVE = "negative";
    public static final String POSITIVE = "positive";

    private final TextClassifier classifier;
    private final int negative;
    private final int positive;
    private final double threshold;

    /**
     * @param threshold probability of the negative class from which a post is negative even
     *     when another class is more probable; 1 or more to rely on the most probable class only
     */
    public LinearModelSentimentScorer(TextClassifier classifier, double threshold) {
        this.classifier = classifier;
        this.negative = classifier.model().classIndex(NEGATIVE);
        this.positive = classifier.model().classIndex(POSITIVE);
        this.threshold = threshold;
        if (negative < 0) {
            throw new IllegalArgumentException("a sentiment model needs a '" + NEGATIVE + "' class, this one has "
                    + classifier.classes() + "; train it with --label-map mapping your labels to " + NEGATIVE
                    + " (and optionally " + POSITIVE + ")");
        }
    }

    /**
     * The model in {@code modelFile}; a post is negative from the threshold the file carries
     * for {@value #NEGATIVE}, else when that is its most probable class.
     */
    public static LinearModelSentimentScorer load(Path modelFile) throws IOException {
        try {
            TextClassifier classifier = TextClassifier.load(modelFile);
            LinearModel model = classifier.model();
            boolean tuned = model.decisionClass() >= 0 && model.decisionClass() == model.classIndex(NEGATIVE);
            return new LinearModelSentimentScorer(classifier, tuned ? model.threshold() : 1);
        } catch (IllegalArgumentException e) {
            throw new IOException(modelFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Sentiment score(TokenizedText text, String lang) {
        double[] p = classifier.probabilities(text, lang);
        double polarity = (positive < 0 ? 0 : p[positive]) - p[negative];
        boolean isNegative = p[negative] >= threshold || LinearModel.argmax(p, p.length) == negative;
        return new Sentiment(polarity, isNegative);
    }
}
