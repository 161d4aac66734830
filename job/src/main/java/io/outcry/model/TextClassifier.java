package io.outcry.model;

import io.outcry.text.TokenizedText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A trained {@link LinearModel} applied to posts: tokens in, class probabilities out. Used
 * for polarity ({@link LinearModelSentimentScorer}) and for any other labelling a model was
 * trained on, such as the complaint reasons of airline tweets.
 *
 * <p>Safe to share between threads: each thread scores with its own scratch space, so a
 * post costs no allocation beyond the result.
 */
public final class TextClassifier {

    /** A class and how probable the model finds it. */
    public record Prediction(String label, double probability) {}

    private final LinearModel model;
    private final ThreadLocal<Scratch> scratch;

    public TextClassifier(LinearModel model) {
        this.model = model;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(new FeatureVector(), new double[model.classes().size()]));
    }

    /** Reads a model file written by {@code outcry train}. */
    public static TextClassifier load(Path modelFile) throws IOException {
        return new TextClassifier(ModelFile.read(modelFile));
    }

    public LinearModel model() {
        return model;
    }

    public List<String> classes() {
        return model.classes();
    }

    /** The predicted class of a post in {@code lang} (null when unknown): see {@link LinearModel#decide}. */
    public Prediction classify(TokenizedText text, String lang) {
        double[] p = probabilities(text, lang);
        int best = model.decide(p);
        return new Prediction(model.classes().get(best), p[best]);
    }

    /**
     * The probability of every class, in {@link #classes()} order. The array is this thread's
     * scratch space: read it before the next call.
     */
    public double[] probabilities(TokenizedText text, String lang) {
        Scratch s = scratch.get();
        model.features().extract(text, lang, s.features());
        model.probabilities(s.features(), s.probabilities());
        return s.probabilities();
    }

    private record Scratch(FeatureVector features, double[] probabilities) {}
}
