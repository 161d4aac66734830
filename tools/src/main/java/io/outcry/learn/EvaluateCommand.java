package io.outcry.learn;

import io.outcry.model.TextClassifier;
import io.outcry.sentiment.LexiconSentimentScorer;
import io.outcry.text.TokenizedText;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code outcry evaluate}: precision, recall and F1 per class and per language, macro and
 * micro averages, the confusion matrix and posts/s of a classifier on a labelled CSV, then the
 * same figures as one line of JSON.
 *
 * <pre>
 * outcry evaluate --csv airline.csv --text text --label airline_sentiment \
 *     --label-map neutral=other,positive=other --lang en --train-folds 5 --positive-class negative
 * outcry evaluate --csv fixture.csv --text text --label polarity --lang-column lang --lexicon --positive-class negative
 * outcry evaluate --csv test.csv --text text --label polarity --model polarity.bin
 * outcry evaluate --csv sentipolc16_train.csv --text text --label negative --label-map 1=negative,0=other \
 *     --lang it --balanced --positive-class negative --split-column top --repeat 5
 * </pre>
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Measure a trained model (--model), a model cross-validated on the file itself (--train-folds), "
                + "models trained on one group of rows and measured on another (--split-column) "
                + "or the lexicon scorer (--lexicon) against the labels of a CSV file.")
public final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    DatasetOptions data;

    @Mixin
    TrainingOptions training;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--model", paramLabel = "<model.bin>", description = "A model written by `outcry train`, evaluated on every row.")
        Path model;

        @Option(names = "--train-folds", paramLabel = "<k>",
                description = "Cross-validate: train on k-1 folds, predict the held-out one, pool the k folds' predictions.")
        Integer folds;

        @Option(names = "--split-column", paramLabel = "<column>",
                description = "Across groups: for each value of the column, train on the rows with the other values "
                        + "and measure on the rows with it; prints each direction, then the mean, e.g. --split-column top "
                        + "on SENTIPOLC (political and general tweets).")
        String splitColumn;

        @Option(names = "--lexicon", description = "The bundled lexicon scorer: a post it flags negative is predicted 'negative'.")
        boolean lexicon;
    }

    @Option(names = "--positive-class", paramLabel = "<class>", description = "Also report this class against the rest, e.g. negative.")
    String positiveClass;

    @Option(names = "--threshold", paramLabel = "<p>",
            description = "Predict the positive class whenever its probability reaches p, even if another class is more "
                    + "probable. Default: with --train-folds or --split-column, each model tunes it by cross-validation on its own "
                    + "training folds; with --model, the model file's own threshold.")
    Double threshold;

    @Option(names = "--repeat", paramLabel = "<n>",
            description = "With --split-column: train and measure n times, with seeds --seed, --seed + 1, ..., and print "
                    + "the mean and spread of the figures: one seed's figure moves by about 0.005 with the seed alone "
                    + "(default: ${DEFAULT-VALUE}).")
    int repeat = 1;

    @Option(names = "--no-throughput", description = "Skip the posts/s measurement (about a second).")
    boolean noThroughput;

    public static void main(String[] args) {
        System.exit(new CommandLine(new EvaluateCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (source.splitColumn != null) {
            return acrossGroups();
        }
        List<LabelledPost> posts = data.dataset(positiveClass).load();
        double cut = threshold == null ? Double.NaN : threshold;
        Evaluation.Report report;
        double postsPerSecond = Double.NaN;
        if (source.lexicon) {
            LexiconSentimentScorer scorer = LexiconSentimentScorer.bundled();
            report = Evaluation.lexicon(scorer, posts, positiveClass);
            if (!noThroughput) {
                postsPerSecond = Evaluation.postsPerSecond(posts,
                        post -> scorer.score(TokenizedText.of(post.text()), post.lang()).negative() ? 1 : 0);
            }
        } else {
            TextClassifier classifier;
            if (source.model != null) {
                classifier = TextClassifier.load(source.model);
                report = Evaluation.model(classifier, posts, positiveClass, cut);
            } else {
                report = Evaluation.crossValidate(posts, source.folds, training.seed, training.features(positiveClass),
                        training.options(), positiveClass, cut);
                // throughput does not depend on what the weights are: time a model of the same shape
                classifier = new TextClassifier(Training.train(posts, training.features(positiveClass), training.options(), null));
            }
            if (!noThroughput) {
                postsPerSecond = Evaluation.postsPerSecond(posts,
                        post -> classifier.model().decide(classifier.probabilities(TokenizedText.of(post.text()), post.lang())));
            }
        }
        ReportText.print(report, data.csv.toString(), postsPerSecond,
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
        return 0;
    }

    private int acrossGroups() throws Exception {
        if (repeat < 1 || repeat > 1 && positiveClass == null) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--repeat must be 1 or more, and more than 1 only with --positive-class, whose F1 it spreads; got " + repeat);
        }
        Map<String, List<LabelledPost>> groups = data.dataset(positiveClass).loadBy(source.splitColumn);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        List<Map<String, Evaluation.Report>> runs = new ArrayList<>();
        for (int run = 0; run < repeat; run++) {
            long seed = training.seed + run;
            Map<String, Evaluation.Report> reports = Evaluation.acrossGroups(groups, source.splitColumn,
                    training.features(positiveClass), training.options().withSeed(seed), positiveClass,
                    threshold == null ? Double.NaN : threshold);
            if (repeat == 1) {
                reports.values().forEach(report -> {
                    ReportText.print(report, data.csv.toString(), Double.NaN, out);
                    out.println();
                });
            } else {
                out.printf(Locale.ROOT, "seed %d%n", seed);
            }
            ReportText.printMean(reports, source.splitColumn, out);
            runs.add(reports);
        }
        if (repeat > 1) {
            out.println();
            ReportText.printRepeats(runs, source.splitColumn, training.seed, out);
        }
        return 0;
    }
}
