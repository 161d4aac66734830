package io.outcry.learn;

import io.outcry.model.FeatureVector;
import io.outcry.model.HashedFeatures;
import io.outcry.model.LinearModel;
import io.outcry.text.TokenizedText;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Trains a model on labelled posts, tokenised the way the enrichment tokenises them, and
 * optionally tunes the model's decision threshold for one class.
 *
 * <p>The threshold is chosen by an inner cross-validation over the training posts alone
 * ({@value #INNER_FOLDS} folds): every training post is predicted by a model that did not see
 * it, and the threshold is the one that maximises that class's F1 over those predictions. The
 * posts the model is later measured on play no part in it. A class making up 40% of the posts,
 * such as SENTIPOLC 2016's negative tweets, is best called from a probability near 0.4, not
 * 0.5 (negative F1 0.694 to 0.704).
 */
public final class Training {

    static final int INNER_FOLDS = 3;
    private static final double LOWEST_THRESHOLD = 0.05;
    private static final double HIGHEST_THRESHOLD = 0.95;
    private static final double THRESHOLD_STEP = 0.01;

    private Training() {}

    /** A model over the sorted labels of {@code posts}, predicting their most probable class. */
    public static LinearModel train(List<LabelledPost> posts, HashedFeatures features, Trainer.Options options) {
        return train(posts, features, options, null);
    }

    /**
     * A model over the sorted training labels of {@code posts}; with a {@code decisionClass}, its
     * threshold is tuned by inner cross-validation on {@code posts}.
     */
    public static LinearModel train(List<LabelledPost> posts, HashedFeatures features, Trainer.Options options,
            String decisionClass) {
        List<String> classes = List.copyOf(new TreeSet<>(posts.stream().map(LabelledPost::trainingLabel).toList()));
        if (classes.size() < 2) {
            throw new CsvException("the posts carry a single label " + classes + ": nothing to learn");
        }
        int decision = decisionClass == null ? -1 : classes.indexOf(decisionClass);
        if (decisionClass != null && decision < 0) {
            throw new CsvException("class '" + decisionClass + "' is none of the labels " + classes);
        }
        List<Trainer.Sample> samples = new ArrayList<>(posts.size());
        List<String> groups = new ArrayList<>(posts.size());
        FeatureVector scratch = new FeatureVector();
        for (LabelledPost post : posts) {
            TokenizedText text = TokenizedText.of(post.text());
            features.extract(text, post.lang(), scratch);
            samples.add(new Trainer.Sample(scratch.copy(), classes.indexOf(post.trainingLabel())));
            groups.add(String.join(" ", text.tokens()));
        }
        return fit(features, classes, samples, groups, options, decision);
    }

    /**
     * Trains on {@code samples}; with a {@code decision} class (else -1), tunes its threshold
     * by inner cross-validation whose folds keep samples of the same {@code groups} key together.
     */
    static LinearModel fit(HashedFeatures features, List<String> classes, List<Trainer.Sample> samples,
            List<String> groups, Trainer.Options options, int decision) {
        Trainer trainer = new Trainer(options);
        if (decision < 0) {
            return trainer.train(features, classes, samples);
        }
        Folds folds = Folds.of(groups, INNER_FOLDS, options.seed());
        double[] probability = new double[samples.size()];
        // the model and the inner folds' models train side by side, one per core: each is its own,
        // from its own seed, on samples they only read; fold -1 is the model itself
        LinearModel[] model = new LinearModel[1];
        IntStream.range(-1, folds.k()).parallel().forEach(fold -> {
            if (fold < 0) {
                model[0] = trainer.train(features, classes, samples);
                return;
            }
            List<Trainer.Sample> training = new ArrayList<>();
            for (int row : folds.train(fold)) {
                training.add(samples.get(row));
            }
            LinearModel inner = trainer.train(features, classes, training);
            double[] p = new double[classes.size()];
            for (int row : folds.test(fold)) {
                inner.probabilities(samples.get(row).features(), p);
                probability[row] = p[decision];
            }
        });
        return model[0].withDecision(decision, bestThreshold(probability, samples, decision));
    }

    /** The threshold of highest F1 for {@code decision} over held-out probabilities; the lowest of ties. */
    static double bestThreshold(double[] probability, List<Trainer.Sample> samples, int decision) {
        double best = -1;
        double bestThreshold = 0.5;
        int steps = (int) Math.round((HIGHEST_THRESHOLD - LOWEST_THRESHOLD) / THRESHOLD_STEP);
        for (int step = 0; step <= steps; step++) {
            double threshold = LOWEST_THRESHOLD + step * THRESHOLD_STEP;
            int truePositives = 0;
            int predicted = 0;
            int actual = 0;
            for (int row = 0; row < probability.length; row++) {
                boolean gold = samples.get(row).label() == decision;
                boolean guess = probability[row] >= threshold;
                actual += gold ? 1 : 0;
                predicted += guess ? 1 : 0;
                truePositives += gold && guess ? 1 : 0;
            }
            double f1 = predicted + actual == 0 ? 0 : 2.0 * truePositives / (predicted + actual);
            if (f1 > best) {
                best = f1;
                bestThreshold = threshold;
            }
        }
        return bestThreshold;
    }
}
