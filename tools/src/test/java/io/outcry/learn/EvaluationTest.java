package io.outcry.learn;

import io.outcry.model.HashedFeatures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outcry.sentiment.Sentiment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    @Test
    void crossValidationNeverPredictsARowWithAModelTrainedOnIt() {
        List<String> groups = IntStream.range(0, 103).mapToObj(i -> "post " + (i % 90)).toList();
        Folds folds = Folds.of(groups, 5, 3);
        // the folds train side by side
        List<Set<Integer>> trainedOn = Collections.synchronizedList(new ArrayList<>());
        List<Integer> predictedRows = Collections.synchronizedList(new ArrayList<>());
        Evaluation.crossValidatedPredictions(folds, trainRows -> {
            Set<Integer> seen = new HashSet<>();
            for (int row : trainRows) {
                seen.add(row);
            }
            trainedOn.add(seen);
            IntUnaryOperator model = row -> {
                assertThat(seen).as("training rows of the model predicting row " + row).doesNotContain(row);
                // nor a copy of the same post under another row number
                assertThat(seen.stream().map(groups::get)).doesNotContain(groups.get(row));
                predictedRows.add(row);
                return 0;
            };
            return model;
        });
        assertThat(trainedOn).hasSize(5);
        assertThat(predictedRows).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 103).boxed().toList());
        for (int fold = 0; fold < 5; fold++) {
            assertThat(folds.test(fold).length + folds.train(fold).length).isEqualTo(103);
            assertThat(folds.test(fold).length).isBetween(17, 25);
        }
    }

    @Test
    void measuresEachGroupWithAModelThatNeverSawIt() {
        // a model that saw the group it is measured on would get it right, one trained on the
        // other group alone gets it all wrong
        Map<String, Evaluation.Report> reports = acrossOpposedGroups();
        assertThat(reports).containsOnlyKeys("a", "b");
        assertThat(reports.get("a").mode()).isEqualTo("trained on topic!=a, tested on topic=a");
        for (Evaluation.Report report : reports.values()) {
            assertThat(report.overall().total()).isEqualTo(60);
            assertThat(report.overall().accuracy()).isLessThan(0.1);
        }
    }

    @Test
    void ranksByProbabilityAndFindsTheThresholdOfBestF1() {
        // positives at 0.9, 0.8 and 0.3; negatives at 0.7, 0.3 and 0.1: of the 9 pairs, the
        // positives outrank 7 and tie 1, and predicting from 0.8 finds 2 of 3 with no false alarm
        Evaluation.Ranking ranking = Evaluation.Ranking.of(new double[] {0.9, 0.7, 0.3, 0.8, 0.3, 0.1},
                new boolean[] {true, false, true, true, false, false});
        assertThat(ranking.auc()).isEqualTo(7.5 / 9);
        assertThat(ranking.bestF1()).isEqualTo(2 * 2 / 5.0);
        assertThat(ranking.bestThreshold()).isEqualTo(0.8);
    }

    @Test
    void aPerfectRankingReachesF1OfOneFromItsLeastProbablePositive() {
        Evaluation.Ranking ranking = Evaluation.Ranking.of(new double[] {0.2, 0.1, 0.05, 0.01},
                new boolean[] {true, true, false, false});
        assertThat(ranking.auc()).isEqualTo(1);
        assertThat(ranking.bestF1()).isEqualTo(1);
        assertThat(ranking.bestThreshold()).isEqualTo(0.1);
    }

    @Test
    void measuresHowAModelRanksTheGroupItNeverSaw() {
        // the model ranks the other group upside down, and no threshold would save it
        for (Evaluation.Report report : acrossOpposedGroups().values()) {
            assertThat(report.ranking().auc()).isLessThan(0.1);
            assertThat(report.ranking().bestF1()).isGreaterThanOrEqualTo(report.positiveF1()).isLessThanOrEqualTo(2 / 3.0 + 1e-9);
        }
    }

    /** Two groups of posts whose words carry opposite labels, each measured by a model trained on the other. */
    private static Map<String, Evaluation.Report> acrossOpposedGroups() {
        Map<String, List<LabelledPost>> groups = new TreeMap<>();
        for (String group : List.of("a", "b")) {
            List<LabelledPost> posts = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                posts.add(new LabelledPost("grey sky " + i, "en", group.equals("a") ? "negative" : "other"));
                posts.add(new LabelledPost("blue sea " + i, "en", group.equals("a") ? "other" : "negative"));
            }
            groups.put(group, posts);
        }
        return Evaluation.acrossGroups(groups, "topic", new HashedFeatures(14, 3, 5),
                new Trainer.Options(5, 0.2, 1e-6, 7, false), "negative", Double.NaN);
    }

    @Test
    void refusesToSplitOnAColumnWithASingleValue() {
        Map<String, List<LabelledPost>> one = Map.of("1", List.of(new LabelledPost("bad", "en", "negative"),
                new LabelledPost("good", "en", "other")));
        assertThatThrownBy(() -> Evaluation.acrossGroups(one, "top", new HashedFeatures(14, 3, 5), Trainer.Options.DEFAULT,
                        "negative", Double.NaN))
                .isInstanceOf(CsvException.class)
                .hasMessageContaining("column 'top' holds the single value [1]");
    }

    @Test
    void computesPrecisionRecallAndF1() {
        Confusion confusion = new Confusion(List.of("negative", "other"));
        // 8 negatives: 6 found; 4 others: 1 taken for negative
        for (int i = 0; i < 6; i++) {
            confusion.add(0, 0);
        }
        confusion.add(0, 1);
        confusion.add(0, 1);
        confusion.add(1, 0);
        for (int i = 0; i < 3; i++) {
            confusion.add(1, 1);
        }
        assertThat(confusion.precision(0)).isEqualTo(6 / 7.0);
        assertThat(confusion.recall(0)).isEqualTo(6 / 8.0);
        assertThat(confusion.f1(0)).isCloseTo(2 * (6 / 7.0) * 0.75 / (6 / 7.0 + 0.75), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(confusion.accuracy()).isEqualTo(9 / 12.0);
        assertThat(confusion.macroF1()).isEqualTo((confusion.f1(0) + confusion.f1(1)) / 2);
    }

    @Test
    void reportsEveryLanguageApart() {
        List<LabelledPost> posts = List.of(
                new LabelledPost("bad", "en", "negative"), new LabelledPost("good", "en", "positive"),
                new LabelledPost("male", "it", "negative"), new LabelledPost("bene", null, "positive"));
        Evaluation.Report report = Evaluation.lexicon(
                (text, lang) -> new Sentiment(text.token(0).equals("bad") ? -1 : 1, text.token(0).equals("bad")),
                posts, "negative");
        assertThat(report.byLanguage()).containsOnlyKeys("en", "it", Evaluation.UNKNOWN_LANGUAGE);
        assertThat(report.byLanguage().get("en").accuracy()).isEqualTo(1);
        assertThat(report.byLanguage().get("it").accuracy()).isZero();
        assertThat(report.positiveF1()).isEqualTo(2 * 1.0 * 0.5 / 1.5);
        assertThat(ReportText.json(report, "x.csv", Double.NaN)).startsWith("{\"source\":\"x.csv\"").contains("\"f1\":0.6667");
    }
}
