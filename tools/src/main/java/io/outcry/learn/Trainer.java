package io.outcry.learn;

import io.outcry.model.FeatureVector;
import io.outcry.model.HashedFeatures;
import io.outcry.model.LinearModel;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Trains a {@link LinearModel} by stochastic gradient descent on the softmax loss, with
 * AdaGrad step sizes (frequent n-grams settle, rare ones still learn) and an L2 penalty on
 * the weights a sample touches. Samples are visited in an order shuffled by a fixed seed,
 * so the same data and options always give the same model, bit for bit.
 *
 * <p>Features of several views ({@link HashedFeatures#views()}) are fitted as one model per
 * view, each blind to the others' buckets, then averaged: their score is the mean of the
 * views' scores.
 */
public final class Trainer {

    /**
     * @param epochs passes over the training set
     * @param learningRate AdaGrad's base step
     * @param l2 weight decay per touched weight and step
     * @param seed seed of the visiting order
     * @param balanced weigh every class by the inverse of its frequency, so a rare class
     *     counts as much as a common one
     */
    public record Options(int epochs, double learningRate, double l2, long seed, boolean balanced) {

        public static final Options DEFAULT = new Options(8, 0.05, 1e-6, 42, false);

        public Options {
            if (epochs < 1 || learningRate <= 0 || l2 < 0) {
                throw new IllegalArgumentException("epochs >= 1, learning rate > 0 and l2 >= 0 expected, got "
                        + epochs + ", " + learningRate + ", " + l2);
            }
        }

        /** The same options with another seed: another visiting order, and other folds where they are drawn. */
        public Options withSeed(long seed) {
            return new Options(epochs, learningRate, l2, seed, balanced);
        }
    }

    /** One training example: its features and the position of its class. */
    public record Sample(FeatureVector features, int label) {}

    private final Options options;

    public Trainer(Options options) {
        this.options = options;
    }

    public LinearModel train(HashedFeatures features, List<String> classes, List<Sample> samples) {
        int k = classes.size();
        float[] weights = new float[features.buckets() * k];
        double[] classWeight = classWeights(k, samples);
        int views = features.views();
        int viewBuckets = features.buckets() / views;
        float[] bias = new float[k];
        for (int view = 0; view < views; view++) {
            float[] viewBias = train(weights, k, view * viewBuckets, (view + 1) * viewBuckets, samples, classWeight);
            for (int c = 0; c < k; c++) {
                bias[c] += viewBias[c] / views;
            }
        }
        if (views > 1) {
            for (int w = 0; w < weights.length; w++) {
                weights[w] /= views;
            }
        }
        return new LinearModel(features, classes, weights, bias);
    }

    /**
     * Fits the weights of buckets {@code [from, to)} on the features that fall there, which
     * extraction wrote as one run of every sample's features; returns the biases.
     */
    private float[] train(float[] weights, int k, int from, int to, List<Sample> samples, double[] classWeight) {
        float[] squares = new float[weights.length];
        float[] bias = new float[k];
        float[] biasSquares = new float[k];
        int[] order = new int[samples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(options.seed());
        double[] p = new double[k];
        float rate = (float) options.learningRate();
        float l2 = (float) options.l2();
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            shuffle(order, random);
            for (int s : order) {
                Sample sample = samples.get(s);
                FeatureVector x = sample.features();
                int start = 0;
                while (start < x.size() && x.index(start) < from) {
                    start++;
                }
                int end = start;
                while (end < x.size() && x.index(end) < to) {
                    end++;
                }
                for (int c = 0; c < k; c++) {
                    p[c] = bias[c];
                }
                for (int i = start; i < end; i++) {
                    int base = x.index(i) * k;
                    float v = x.value(i);
                    for (int c = 0; c < k; c++) {
                        p[c] += weights[base + c] * v;
                    }
                }
                LinearModel.softmax(p, k);
                for (int c = 0; c < k; c++) {
                    p[c] = (p[c] - (c == sample.label() ? 1 : 0)) * classWeight[sample.label()];
                }
                for (int c = 0; c < k; c++) {
                    float g = (float) p[c];
                    biasSquares[c] += g * g;
                    bias[c] -= rate * g / (float) Math.sqrt(biasSquares[c] + 1e-8f);
                }
                for (int i = start; i < end; i++) {
                    int base = x.index(i) * k;
                    float v = x.value(i);
                    for (int c = 0; c < k; c++) {
                        int w = base + c;
                        float g = (float) p[c] * v + l2 * weights[w];
                        squares[w] += g * g;
                        weights[w] -= rate * g / (float) Math.sqrt(squares[w] + 1e-8f);
                    }
                }
            }
        }
        return bias;
    }

    private double[] classWeights(int k, List<Sample> samples) {
        double[] weights = new double[k];
        if (!options.balanced()) {
            Arrays.fill(weights, 1);
            return weights;
        }
        int[] counts = new int[k];
        for (Sample sample : samples) {
            counts[sample.label()]++;
        }
        for (int c = 0; c < k; c++) {
            weights[c] = counts[c] == 0 ? 0 : (double) samples.size() / (k * counts[c]);
        }
        return weights;
    }

    /** Fisher-Yates with the given generator, the same on every JVM. */
    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}
