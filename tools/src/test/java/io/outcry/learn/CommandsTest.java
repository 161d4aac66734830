package io.outcry.learn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandsTest {

    @TempDir
    Path dir;

    private static String run(Callable<Integer> command, String... args) {
        PrintStream console = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(new CommandLine(command).execute(args)).isZero();
        } finally {
            System.setOut(console);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void trainsAModelThatEvaluateMeasures() throws Exception {
        String fixture = FixtureAccuracyTest.fixture().toString();
        Path model = dir.resolve("polarity.bin");
        String training = run(new TrainCommand(), "--csv", fixture, "--text", "text", "--label", "polarity",
                "--lang-column", "lang", "--label-map", "neutral=other,positive=other", "--out", model.toString());
        assertThat(training).contains("trained on 190 posts").contains("{negative=80, other=110}");
        assertThat(Files.size(model)).isGreaterThan(1000);

        String evaluation = run(new EvaluateCommand(), "--csv", fixture, "--text", "text", "--label", "polarity",
                "--lang-column", "lang", "--label-map", "neutral=other,positive=other", "--model", model.toString(),
                "--positive-class", "negative", "--filter", "lang=it");
        assertThat(evaluation).contains("confusion matrix").contains("negative-vs-rest").contains("posts/s");
        JsonNode summary = lastLineJson(evaluation);
        assertThat(summary.get("mode").asText()).isEqualTo("trained model");
        assertThat(summary.get("posts").asInt()).isEqualTo(95);
        // measured on the posts it was trained on: a fit, not an evaluation
        assertThat(summary.get("f1").asDouble()).isGreaterThan(0.9);
        assertThat(summary.get("postsPerSecond").asLong()).isPositive();
    }

    @Test
    void crossValidatesAndReportsEveryLanguage() throws Exception {
        String output = run(new EvaluateCommand(), "--csv", FixtureAccuracyTest.fixture().toString(), "--text", "text",
                "--label", "intent", "--lang-column", "lang", "--train-folds", "4", "--no-throughput");
        assertThat(output).contains("language en, 95 posts").contains("language it, 95 posts").contains("restored");
        JsonNode summary = lastLineJson(output);
        assertThat(summary.get("mode").asText()).isEqualTo("cross-validated, 4 folds");
        assertThat(summary.get("languages").fieldNames()).toIterable().containsExactly("en", "it");
        assertThat(summary.get("postsPerSecond").isNull()).isTrue();
    }

    @Test
    void trainsOnOneGroupOfRowsAndMeasuresOnTheOtherBothWays() throws Exception {
        // the fixture's Italian and English posts stand for two topics: a model trained on one
        // language meets the other's posts with little but the lexicons' valences to go by
        String output = run(new EvaluateCommand(), "--csv", FixtureAccuracyTest.fixture().toString(), "--text", "text",
                "--label", "polarity", "--lang-column", "lang", "--label-map", "neutral=other,positive=other",
                "--positive-class", "negative", "--split-column", "lang", "--polarity-view", "--dims", "65536");
        assertThat(output).contains("trained on lang!=en, tested on lang=en").contains("trained on lang!=it, tested on lang=it");
        JsonNode summary = lastLineJson(output);
        JsonNode en = summary.get("testedOn").get("lang=en");
        JsonNode it = summary.get("testedOn").get("lang=it");
        assertThat(en.get("posts").asInt()).isEqualTo(95);
        assertThat(it.get("posts").asInt()).isEqualTo(95);
        assertThat(summary.get("meanF1").asDouble())
                .isCloseTo((en.get("f1").asDouble() + it.get("f1").asDouble()) / 2, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(summary.get("meanF1").asDouble()).isGreaterThan(0.5);
        assertThat(en.get("bestF1").asDouble()).isGreaterThanOrEqualTo(en.get("f1").asDouble());
        assertThat(summary.get("meanBestF1").asDouble()).isGreaterThanOrEqualTo(summary.get("meanF1").asDouble());
    }

    @Test
    void learnsTheRestAsSeveralClassesAndStillCountsItAsOne() throws Exception {
        String fixture = FixtureAccuracyTest.fixture().toString();
        Path model = dir.resolve("split.bin");
        String[] data = {"--csv", fixture, "--text", "text", "--label", "polarity", "--lang-column", "lang",
                "--label-map", "neutral=other,positive=other", "--positive-class", "negative", "--split-rest-by", "polarity"};
        String training = run(new TrainCommand(), concat(data, "--out", model.toString()));
        assertThat(training).contains("trained on 190 posts")
                .containsPattern("\\{negative=80, other \\(polarity=neutral\\)=\\d+, other \\(polarity=positive\\)=\\d+}");

        String folds = run(new EvaluateCommand(), concat(data, "--train-folds", "4", "--no-throughput"));
        assertThat(folds).contains("confusion matrix").doesNotContain("polarity=");
        String measured = run(new EvaluateCommand(), concat(data, "--model", model.toString(), "--no-throughput"));
        assertThat(measured).doesNotContain("polarity=");
        assertThat(lastLineJson(measured).get("f1").asDouble()).isGreaterThan(0.9);
        // rows read without the split count the model's parts as their class all the same
        String plain = run(new EvaluateCommand(), concat(java.util.Arrays.copyOf(data, data.length - 2),
                "--model", model.toString(), "--no-throughput"));
        assertThat(plain).doesNotContain("polarity=");
        assertThat(lastLineJson(plain).get("accuracy").asDouble()).isEqualTo(lastLineJson(measured).get("accuracy").asDouble());
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Test
    void repeatsTheSplitWithOtherSeedsAndReportsTheSpread() throws Exception {
        String output = run(new EvaluateCommand(), "--csv", FixtureAccuracyTest.fixture().toString(), "--text", "text",
                "--label", "polarity", "--lang-column", "lang", "--label-map", "neutral=other,positive=other",
                "--positive-class", "negative", "--split-column", "lang", "--polarity-view", "--dims", "65536",
                "--repeat", "3", "--seed", "5");
        assertThat(output).contains("seed 5").contains("seed 6").contains("seed 7").contains("over 3 seeds (5..7)");
        JsonNode summary = lastLineJson(output);
        assertThat(summary.get("seeds").asInt()).isEqualTo(3);
        assertThat(summary.get("minF1").asDouble()).isLessThanOrEqualTo(summary.get("meanF1").asDouble());
        assertThat(summary.get("maxF1").asDouble()).isGreaterThanOrEqualTo(summary.get("meanF1").asDouble());
        assertThat(summary.get("meanF1TestedOn").fieldNames()).toIterable().containsExactly("lang=en", "lang=it");
    }

    @Test
    void evaluatesTheLexiconScorer() throws Exception {
        JsonNode summary = lastLineJson(run(new EvaluateCommand(), "--csv", FixtureAccuracyTest.fixture().toString(),
                "--text", "text", "--label", "polarity", "--lang-column", "lang", "--lexicon", "--positive-class", "negative",
                "--no-throughput"));
        assertThat(summary.get("mode").asText()).isEqualTo("lexicon scorer");
        assertThat(summary.get("f1").asDouble()).isBetween(0.0, 1.0);
    }

    private static JsonNode lastLineJson(String output) throws Exception {
        String[] lines = output.strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }
}
