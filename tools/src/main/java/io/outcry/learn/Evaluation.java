package io.outcry.learn;

import io.outcry.model.FeatureVector;
import io.outcry.model.HashedFeatures;
import io.outcry.model.LinearModel;
import io.outcry.model.TextClassifier;
import io.outcry.model.LinearModelSentimentScorer;
import io.outcry.sentiment.Sentiment;
import io.outcry.sentiment.SentimentScorer;
import io.outcry.text.TokenizedText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;

/**
 * Measures a classifier against gold labels: a trained model on a whole file, a model
 * cross-validated on the file it learns from, or the lexicon scorer.
 */
public final class Evaluation {

    /** Language key of posts whose language is unknown. */
    public static final String UNKNOWN_LANGUAGE = "unknown";

    /**
     * What a run measured.
     *
     * @param mode how the predictions were made, e.g. {@code cross-validated 5 folds}
     * @param overall every post
     * @param byLanguage the posts of each language
     * @param positiveClass the class of the binary figures, or null
     * @param ranking how well the probabilities of {@code positiveClass} rank the posts, or null
     *     when the predictions carry no probabilities
     */
    public record Report(String mode, Confusion overall, Map<String, Confusion> byLanguage, String positiveClass,
            Ranking ranking) {

        public Report(String mode, Confusion overall, Map<String, Confusion> byLanguage, String positiveClass) {
            this(mode, overall, byLanguage, positiveClass, null);
        }

        /** F1 of {@link #positiveClass()} against every other class. */
        public double positiveF1() {
            return overall.f1(positiveIndex());
        }

        public double positivePrecision() {
            return overall.precision(positiveIndex());
        }

        public double positiveRecall() {
            return overall.recall(positiveIndex());
        }

        int positiveIndex() {
            int index = overall.classes().indexOf(positiveClass);
            if (index < 0) {
                throw new IllegalStateException("no positive class among " + overall.classes());
            }
            return index;
        }
    }

    /**
     * How well a model's probability of one class orders the posts, whatever threshold it
     * decides from: what tells a model that ranks a new topic's posts badly from one whose
     * threshold no longer suits that topic, such as one tuned where the class was more common.
     *
     * @param auc the chance that a post of the class gets a higher probability than one of
     *     another class (ties count half)
     * @param bestF1 the class's F1 at the best threshold for these very posts, chosen with their
     *     labels: a ceiling that no threshold chosen without them, nor any correction of the
     *     class's prior, can pass
     * @param bestThreshold that threshold: the class is predicted from this probability on
     */
    public record Ranking(double auc, double bestF1, double bestThreshold) {

        /** The ranking of {@code probability} against {@code positive}, which flags the posts of the class. */
        static Ranking of(double[] probability, boolean[] positive) {
            Integer[] order = new Integer[probability.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(probability[b], probability[a]));
            int actual = 0;
            for (boolean p : positive) {
                actual += p ? 1 : 0;
            }
            int negatives = probability.length - actual;
            // walks down the probabilities one tie at a time: the F1 of predicting the class
            // from each, and for the AUC the negatives each positive outranks
            double bestF1 = 0;
            double bestThreshold = Double.NaN;
            double outranked = 0;
            int truePositives = 0;
            int falsePositives = 0;
            for (int start = 0; start < order.length; ) {
                int end = start;
                int tiePositives = 0;
                while (end < order.length && probability[order[end]] == probability[order[start]]) {
                    tiePositives += positive[order[end]] ? 1 : 0;
                    end++;
                }
                int tieNegatives = end - start - tiePositives;
                outranked += tiePositives * (negatives - falsePositives - tieNegatives / 2.0);
                truePositives += tiePositives;
                falsePositives += tieNegatives;
                double f1 = 2.0 * truePositives / (truePositives + falsePositives + actual);
                if (f1 > bestF1) {
                    bestF1 = f1;
                    bestThreshold = probability[order[start]];
                }
                start = end;
            }
            double auc = actual == 0 || negatives == 0 ? Double.NaN : outranked / ((double) actual * negatives);
            return new Ranking(auc, bestF1, bestThreshold);
        }
    }

    /** Trains on all but one fold and predicts a row of the held-out fold: built once per fold. */
    @FunctionalInterface
    interface FoldTrainer {
        IntUnaryOperator train(int[] trainRows);
    }

    private Evaluation() {}

    /**
     * Cross-validates a model trained with {@code options} on {@code posts}: every post is
     * predicted by the model trained on the folds it is not in.
     *
     * @param threshold probability from which {@code positiveClass} wins even when not the most
     *     probable class; ignored without a positive class or when 1 or more; NaN to let each
     *     fold's model choose it by cross-validation on that fold's training posts only
     */
    public static Report crossValidate(List<LabelledPost> posts, int k, long seed, HashedFeatures features,
            Trainer.Options options, String positiveClass, double threshold) {
        List<String> classes = goldClasses(posts, List.of());
        List<String> learnt = List.copyOf(new TreeSet<>(posts.stream().map(LabelledPost::trainingLabel).toList()));
        Map<String, String> reported = reportedClasses(posts);
        int[] reportedIndex = learnt.stream().mapToInt(c -> classes.indexOf(reported.get(c))).toArray();
        List<TokenizedText> texts = posts.stream().map(p -> TokenizedText.of(p.text())).toList();
        List<Trainer.Sample> samples = new ArrayList<>(posts.size());
        FeatureVector scratch = new FeatureVector();
        for (int row = 0; row < posts.size(); row++) {
            features.extract(texts.get(row), posts.get(row).lang(), scratch);
            samples.add(new Trainer.Sample(scratch.copy(), learnt.indexOf(posts.get(row).trainingLabel())));
        }
        List<String> groups = texts.stream().map(t -> String.join(" ", t.tokens())).toList();
        Folds folds = Folds.of(groups, k, seed);
        int positive = positiveClass == null ? -1 : learnt.indexOf(positiveClass);
        boolean tuned = Double.isNaN(threshold);
        int[] predicted = crossValidatedPredictions(folds, trainRows -> {
            List<Trainer.Sample> training = new ArrayList<>(trainRows.length);
            List<String> trainingGroups = new ArrayList<>(trainRows.length);
            for (int row : trainRows) {
                training.add(samples.get(row));
                trainingGroups.add(groups.get(row));
            }
            LinearModel model = Training.fit(features, learnt, training, trainingGroups, options, tuned ? positive : -1);
            double[] p = new double[learnt.size()];
            return row -> {
                model.probabilities(samples.get(row).features(), p);
                return reportedIndex[tuned ? model.decide(p) : decide(p, positive, threshold)];
            };
        });
        return report("cross-validated, " + k + " folds", posts, classes, row -> predicted[row], positiveClass);
    }

    /**
     * Trains on every group but one and measures on that one, for each group in turn: how a
     * model carries over to posts on other topics, from other sources or periods, which
     * cross-validation on a mix of them hides.
     *
     * @param groups posts by the value of the column that splits them, at least two groups
     * @param positiveClass class whose threshold each model tunes on its own training posts, or null
     * @param threshold as in {@link #crossValidate}; NaN to let each model tune it on its training posts
     * @return one report per held-out group, in the order of {@code groups}
     */
    public static Map<String, Report> acrossGroups(Map<String, List<LabelledPost>> groups, String column,
            HashedFeatures features, Trainer.Options options, String positiveClass, double threshold) {
        if (groups.size() < 2) {
            throw new CsvException("column '" + column + "' holds the single value " + groups.keySet()
                    + " in the rows kept: nothing to train on and test on apart");
        }
        Map<String, Report> reports = new LinkedHashMap<>();
        groups.forEach((heldOut, test) -> {
            List<LabelledPost> training = new ArrayList<>();
            groups.forEach((value, posts) -> {
                if (!value.equals(heldOut)) {
                    training.addAll(posts);
                }
            });
            boolean tuned = Double.isNaN(threshold);
            TextClassifier classifier = new TextClassifier(
                    Training.train(training, features, options, tuned ? positiveClass : null));
            Report measured = model(classifier, test, positiveClass, threshold);
            reports.put(heldOut, new Report("trained on " + column + "!=" + heldOut + ", tested on " + column + "=" + heldOut,
                    measured.overall(), measured.byLanguage(), positiveClass, measured.ranking()));
        });
        return reports;
    }

    /**
     * Every row predicted by a model trained without its fold; the heart of {@link #crossValidate}.
     * The folds train side by side, one per core: each model is its own, trained from its own seed
     * on samples they only read, so the predictions are those of one fold after another, sooner
     * ({@code trainer} and the models it returns must therefore be safe to call from several threads).
     */
    static int[] crossValidatedPredictions(Folds folds, FoldTrainer trainer) {
        int[] predicted = new int[folds.rows()];
        // each fold writes the rows of its own test set, and the stream's end publishes them all
        IntStream.range(0, folds.k()).parallel().forEach(fold -> {
            IntUnaryOperator model = trainer.train(folds.train(fold));
            for (int row : folds.test(fold)) {
                predicted[row] = model.applyAsInt(row);
            }
        });
        return predicted;
    }

    /**
     * Measures an already trained model on every post.
     *
     * @param threshold as in {@link #crossValidate}; NaN to decide as the model file says
     */
    public static Report model(TextClassifier classifier, List<LabelledPost> posts, String positiveClass, double threshold) {
        Map<String, String> reported = reportedClasses(posts);
        Set<String> goldLabels = new HashSet<>(reported.values());
        for (String learnt : classifier.classes()) {
            // a model trained with --split-rest-by, measured on rows read without it
            String whole = Dataset.RestSplit.whole(learnt);
            if (!reported.containsKey(learnt) && whole != null && goldLabels.contains(whole)) {
                reported.put(learnt, whole);
            }
        }
        List<String> classes = goldClasses(posts, classifier.classes().stream()
                .map(c -> reported.getOrDefault(c, c)).toList());
        int positive = positiveClass == null ? -1 : classifier.model().classIndex(positiveClass);
        LinearModel model = classifier.model();
        double[] probability = new double[posts.size()];
        boolean[] gold = new boolean[posts.size()];
        Report report = report("trained model", posts, classes, row -> {
            LabelledPost post = posts.get(row);
            double[] p = classifier.probabilities(TokenizedText.of(post.text()), post.lang());
            if (positive >= 0) {
                probability[row] = p[positive];
                gold[row] = post.label().equals(positiveClass);
            }
            int guess = Double.isNaN(threshold) ? model.decide(p) : decide(p, positive, threshold);
            String learnt = classifier.classes().get(guess);
            return classes.indexOf(reported.getOrDefault(learnt, learnt));
        }, positiveClass);
        return positive < 0 ? report : new Report(report.mode(), report.overall(), report.byLanguage(), positiveClass,
                Ranking.of(probability, gold));
    }

    /**
     * Measures a sentiment scorer: a post it flags negative is predicted {@code negative};
     * any other is predicted {@code positive} when its polarity is above zero and the gold
     * labels have that class, else {@code neutral} when they have it, else the first other
     * gold class (such as {@code other}).
     */
    public static Report lexicon(SentimentScorer scorer, List<LabelledPost> posts, String positiveClass) {
        List<String> classes = goldClasses(posts, List.of(LinearModelSentimentScorer.NEGATIVE));
        int negative = classes.indexOf(LinearModelSentimentScorer.NEGATIVE);
        int positive = classes.indexOf(LinearModelSentimentScorer.POSITIVE);
        int neutral = classes.indexOf("neutral");
        int rest = neutral >= 0 ? neutral : negative == 0 ? 1 : 0;
        return report("lexicon scorer", posts, classes, row -> {
            LabelledPost post = posts.get(row);
            Sentiment sentiment = scorer.score(TokenizedText.of(post.text()), post.lang());
            if (sentiment.negative()) {
                return negative;
            }
            return positive >= 0 && sentiment.polarity() > 0 ? positive : rest;
        }, positiveClass);
    }

    /** Posts per second of {@code predict} over {@code posts}, after a warm-up pass, over at least half a second. */
    public static double postsPerSecond(List<LabelledPost> posts, ToIntFunction<LabelledPost> predict) {
        long sink = 0;
        for (LabelledPost post : posts) {
            sink += predict.applyAsInt(post);
        }
        long count = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            for (LabelledPost post : posts) {
                sink += predict.applyAsInt(post);
            }
            count += posts.size();
            elapsed = System.nanoTime() - start;
        } while (elapsed < 500_000_000L);
        if (sink == Long.MIN_VALUE) {
            // keeps the predictions observable so the JIT cannot drop them
            System.out.print("");
        }
        return count * 1e9 / elapsed;
    }

    static int decide(double[] p, int positive, double threshold) {
        if (positive >= 0 && p[positive] >= threshold) {
            return positive;
        }
        return LinearModel.argmax(p, p.length);
    }

    /** The gold class of each training label of {@code posts}: a class {@link Dataset.RestSplit} parts. */
    private static Map<String, String> reportedClasses(List<LabelledPost> posts) {
        Map<String, String> reported = new LinkedHashMap<>();
        for (LabelledPost post : posts) {
            reported.putIfAbsent(post.trainingLabel(), post.label());
        }
        return reported;
    }

    /** Gold labels sorted, then the {@code extra} classes the gold labels lack. */
    private static List<String> goldClasses(List<LabelledPost> posts, List<String> extra) {
        Set<String> classes = new LinkedHashSet<>(new TreeSet<>(posts.stream().map(LabelledPost::label).toList()));
        classes.addAll(extra);
        if (classes.size() < 2) {
            throw new CsvException("the posts carry a single label " + classes + ": nothing to tell apart");
        }
        return List.copyOf(classes);
    }

    private static Report report(String mode, List<LabelledPost> posts, List<String> classes, IntUnaryOperator predicted,
            String positiveClass) {
        if (positiveClass != null && !classes.contains(positiveClass)) {
            throw new CsvException("positive class '" + positiveClass + "' is none of the labels " + classes);
        }
        Confusion overall = new Confusion(classes);
        Map<String, Confusion> byLanguage = new TreeMap<>();
        for (int row = 0; row < posts.size(); row++) {
            LabelledPost post = posts.get(row);
            int gold = classes.indexOf(post.label());
            int guess = predicted.applyAsInt(row);
            overall.add(gold, guess);
            String lang = post.lang() == null ? UNKNOWN_LANGUAGE : post.lang();
            byLanguage.computeIfAbsent(lang, l -> new Confusion(classes)).add(gold, guess);
        }
        return new Report(mode, overall, byLanguage, positiveClass);
    }
}
