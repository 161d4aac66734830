package io.outcry.learn;

import io.outcry.model.HashedFeatures;
import picocli.CommandLine.Option;

/** How to hash features and train a model, shared by {@code train} and {@code evaluate --train-folds}. */
public final class TrainingOptions {

    @Option(names = "--dims", paramLabel = "<buckets>",
            description = "Hash buckets of each view, a power of two (default: ${DEFAULT-VALUE}).")
    int dims = 1 << 20;

    @Option(names = "--char-ngrams", paramLabel = "<min..max>",
            description = "Lengths of the character n-grams, or 0 for none (default: ${DEFAULT-VALUE}).")
    String charNgrams = "3..5";

    @Option(names = "--epochs", description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
    int epochs = Trainer.Options.DEFAULT.epochs();

    @Option(names = "--learning-rate", description = "AdaGrad base step (default: ${DEFAULT-VALUE}).")
    double learningRate = Trainer.Options.DEFAULT.learningRate();

    @Option(names = "--l2", description = "L2 weight decay (default: ${DEFAULT-VALUE}).")
    double l2 = Trainer.Options.DEFAULT.l2();

    @Option(names = "--seed", description = "Seed of the training order and of the folds (default: ${DEFAULT-VALUE}).")
    long seed = Trainer.Options.DEFAULT.seed();

    @Option(names = "--balanced", description = "Weigh classes by the inverse of their frequency.")
    boolean balanced;

    @Option(names = "--word-view", negatable = true, description = "Also fit a words-only model beside the character "
            + "n-gram one and average them (default: on with --positive-class, where it lifts F1; off for several "
            + "classes, where it costs accuracy: 0.671 -> 0.656 on airline complaint reasons).")
    Boolean wordView;

    @Option(names = "--polarity-view", description = "Also fit a model on the words the lexicons know alone "
            + "(valenced words, negators, boosters), with emoji and punctuation, and average it in: it cannot learn "
            + "what the posts are about, so it carries over to other topics.")
    boolean polarityView;

    @Option(names = "--stems", description = "Read the words of Italian posts as their light stems (Savoy's light "
            + "stemmer), and let the polarity view know a word the lexicons lack by the stem of words they list.")
    boolean stems;

    @Option(names = "--no-lexicon-feature", description = "Leave the lexicon scorer's polarity out of the features.")
    boolean noLexicon;

    /** @param positiveClass the class a binary model is tuned for, or null for a multi-class one */
    HashedFeatures features(String positiveClass) {
        boolean words = wordView != null ? wordView : positiveClass != null;
        if (Integer.bitCount(dims) != 1) {
            throw new IllegalArgumentException("--dims must be a power of two, such as 262144 (2^18), got " + dims);
        }
        int bits = Integer.numberOfTrailingZeros(dims);
        if (charNgrams.strip().equals("0")) {
            return new HashedFeatures(bits, 0, 0, false, !noLexicon, polarityView, stems);
        }
        String[] range = charNgrams.split("\\.\\.");
        try {
            return new HashedFeatures(bits, Integer.parseInt(range[0].strip()),
                    Integer.parseInt(range[range.length - 1].strip()), words, !noLexicon, polarityView, stems);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--char-ngrams must read <min>..<max> such as 3..5, or 0; got " + charNgrams, e);
        }
    }

    Trainer.Options options() {
        return new Trainer.Options(epochs, learningRate, l2, seed, balanced);
    }
}
