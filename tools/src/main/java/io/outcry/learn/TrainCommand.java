package io.outcry.learn;

import io.outcry.model.LinearModel;
import io.outcry.model.ModelFile;
import io.outcry.model.TextClassifier;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code outcry train}: trains a linear model on a labelled CSV and writes its model file.
 *
 * <pre>
 * outcry train --csv airline.csv --text text --label airline_sentiment --lang en --out polarity-en.bin
 * outcry train --csv sentipolc.csv --text text --label negative --label-map 1=negative,0=other --lang it \
 *     --balanced --positive-class negative --polarity-view --out neg-it.bin
 * </pre>
 *
 * The job reads a polarity model from the {@code sentimentModel} path of its enrichment
 * config. A model trained on an eval-only dataset stays outside the project tree.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a compact linear model (hashed word and character n-grams) from a labelled CSV file "
                + "and write it as a model file.")
public final class TrainCommand implements Callable<Integer> {

    @Mixin
    DatasetOptions data;

    @Mixin
    TrainingOptions training;

    @Option(names = "--positive-class", paramLabel = "<class>",
            description = "Tune the probability from which this class is predicted, by cross-validation on the file, "
                    + "for the best F1 of that class, and store it in the model.")
    String positiveClass;

    @Option(names = "--out", required = true, paramLabel = "<model.bin>", description = "Model file to write.")
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream console = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        List<LabelledPost> posts = data.dataset(positiveClass).load();
        Map<String, Integer> counts = new TreeMap<>();
        posts.forEach(post -> counts.merge(post.trainingLabel(), 1, Integer::sum));
        long start = System.nanoTime();
        LinearModel model = Training.train(posts, training.features(positiveClass), training.options(), positiveClass);
        double seconds = (System.nanoTime() - start) / 1e9;
        ModelFile.write(model, out);
        Confusion fit = Evaluation.model(new TextClassifier(model), posts, null, Double.NaN).overall();
        console.printf(Locale.ROOT, "trained on %d posts of %s %s in %.1f s (%d epochs, %d buckets)%n",
                posts.size(), data.csv, counts, seconds, training.epochs, model.features().buckets());
        if (model.decisionClass() >= 0) {
            console.printf(Locale.ROOT, "predicts %s from probability %.2f (tuned by %d-fold cross-validation)%n",
                    model.classes().get(model.decisionClass()), model.threshold(), Training.INNER_FOLDS);
        }
        console.printf(Locale.ROOT, "training-set accuracy %.4f (optimistic: measure with `outcry evaluate --train-folds 5`)%n",
                fit.accuracy());
        console.printf(Locale.ROOT, "wrote %s (%,d bytes)%n", out, Files.size(out));
        return 0;
    }
}
