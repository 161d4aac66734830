package io.outcry.model;

import java.util.List;

/**
 * Multinomial logistic regression over {@link HashedFeatures}: one weight per bucket and
 * class, laid out bucket-major so that a feature's weights for every class share a cache
 * line, plus one bias per class. Immutable once built; {@code Trainer} (tools) builds it,
 * {@link ModelFile} stores it.
 *
 * <p>A model may carry a decision threshold for one class, chosen when it was trained (see
 * {@code Training} (tools)): that class wins whenever its probability reaches the threshold.
 *
 * <p>A two-class model predicts from one float per bucket, the difference of the two
 * classes' weights: softmax only sees score differences, and reading half the memory per
 * feature is what a post's few hundred random bucket reads cost.
 */
public final class LinearModel {

    private final HashedFeatures features;
    private final List<String> classes;
    private final float[] weights;
    private final float[] bias;
    /** For two classes: weight of class 1 minus weight of class 0, per bucket. */
    private final float[] difference;
    private final float biasDifference;
    private final int decisionClass;
    private final double threshold;

    /** A model that predicts its most probable class. */
    public LinearModel(HashedFeatures features, List<String> classes, float[] weights, float[] bias) {
        this(features, classes, weights, bias, -1, Double.POSITIVE_INFINITY);
    }

    /**
     * @param weights {@code features.buckets() * classes.size()} weights, bucket-major
     * @param bias one per class
     * @param decisionClass the class predicted whenever its probability reaches
     *     {@code threshold}, or -1 for none
     */
    public LinearModel(HashedFeatures features, List<String> classes, float[] weights, float[] bias, int decisionClass,
            double threshold) {
        if (classes.size() < 2) {
            throw new IllegalArgumentException("a model needs at least two classes, got " + classes);
        }
        if (weights.length != features.buckets() * classes.size() || bias.length != classes.size()) {
            throw new IllegalArgumentException("expected " + features.buckets() * classes.size() + " weights and "
                    + classes.size() + " biases, got " + weights.length + " and " + bias.length);
        }
        if (decisionClass < -1 || decisionClass >= classes.size() || decisionClass >= 0 && !(threshold > 0)) {
            throw new IllegalArgumentException("decision class " + decisionClass + " of " + classes
                    + " with threshold " + threshold + ": expected -1, or a class and a threshold above 0");
        }
        this.features = features;
        this.classes = List.copyOf(classes);
        this.decisionClass = decisionClass;
        this.threshold = decisionClass < 0 ? Double.POSITIVE_INFINITY : threshold;
        this.weights = weights;
        this.bias = bias;
        if (classes.size() == 2) {
            difference = new float[features.buckets()];
            for (int b = 0; b < difference.length; b++) {
                difference[b] = weights[2 * b + 1] - weights[2 * b];
            }
            biasDifference = bias[1] - bias[0];
        } else {
            difference = null;
            biasDifference = 0;
        }
    }

    public HashedFeatures features() {
        return features;
    }

    public List<String> classes() {
        return classes;
    }

    /** The same weights, deciding for {@code decisionClass} from probability {@code threshold}. */
    public LinearModel withDecision(int decisionClass, double threshold) {
        return new LinearModel(features, classes, weights, bias, decisionClass, threshold);
    }

    /** The class favoured by {@link #threshold()}, or -1. */
    public int decisionClass() {
        return decisionClass;
    }

    /** Probability from which {@link #decisionClass()} is predicted; infinite without one. */
    public double threshold() {
        return threshold;
    }

    /** The predicted class given the probabilities of every class: the decision, else the most probable. */
    public int decide(double[] probabilities) {
        if (decisionClass >= 0 && probabilities[decisionClass] >= threshold) {
            return decisionClass;
        }
        return argmax(probabilities, classes.size());
    }

    /** Position of {@code label} in {@link #classes()}, -1 when the model does not know it. */
    public int classIndex(String label) {
        return classes.indexOf(label);
    }

    /** Writes the probability of every class into {@code out}, which must hold one slot per class. */
    public void probabilities(FeatureVector x, double[] out) {
        scores(x, out);
        softmax(out, classes.size());
    }

    /**
     * Writes a score (logit) of every class into {@code out}; of two classes, class 0 scores 0
     * and class 1 the difference, which softmax and argmax read exactly as the two logits.
     */
    public void scores(FeatureVector x, double[] out) {
        if (difference != null) {
            float s = biasDifference;
            int[] indices = x.indices;
            float[] values = x.values;
            for (int i = 0; i < x.size; i++) {
                s += difference[indices[i]] * values[i];
            }
            out[0] = 0;
            out[1] = s;
            return;
        }
        scores(weights, bias, classes.size(), x, out);
    }

    /** The logits of {@code x} under weights still being trained. */
    static void scores(float[] weights, float[] bias, int k, FeatureVector x, double[] out) {
        for (int c = 0; c < k; c++) {
            out[c] = bias[c];
        }
        for (int i = 0; i < x.size; i++) {
            int base = x.indices[i] * k;
            float v = x.values[i];
            for (int c = 0; c < k; c++) {
                out[c] += weights[base + c] * v;
            }
        }
    }

    /** The predicted class of {@code x}: see {@link #decide}. */
    public int predict(FeatureVector x, double[] scratch) {
        probabilities(x, scratch);
        return decide(scratch);
    }

    public static int argmax(double[] values, int length) {
        int best = 0;
        for (int c = 1; c < length; c++) {
            if (values[c] > values[best]) {
                best = c;
            }
        }
        return best;
    }

    public static void softmax(double[] scores, int length) {
        double max = scores[argmax(scores, length)];
        double sum = 0;
        for (int c = 0; c < length; c++) {
            scores[c] = Math.exp(scores[c] - max);
            sum += scores[c];
        }
        for (int c = 0; c < length; c++) {
            scores[c] /= sum;
        }
    }

    float[] weights() {
        return weights;
    }

    float[] bias() {
        return bias;
    }
}
