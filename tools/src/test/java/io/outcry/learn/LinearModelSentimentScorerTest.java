package io.outcry.learn;

import io.outcry.model.HashedFeatures;
import io.outcry.model.ModelFile;
import io.outcry.model.TextClassifier;
import io.outcry.model.LinearModelSentimentScorer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.outcry.sentiment.Sentiment;
import io.outcry.text.TokenizedText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinearModelSentimentScorerTest {

    @TempDir
    Path dir;

    private Path trainedModel(List<LabelledPost> posts) throws IOException {
        Path file = dir.resolve("polarity.bin");
        ModelFile.write(Training.train(posts, HashedFeatures.standard(), new Trainer.Options(10, 0.2, 1e-6, 1, false)), file);
        return file;
    }

    @Test
    void scoresPolarityFromAModelFile() throws Exception {
        LinearModelSentimentScorer scorer = LinearModelSentimentScorer.load(trainedModel(TrainerTest.separable()));
        Sentiment bad = scorer.score(TokenizedText.of("terrible outage again"), "en");
        Sentiment good = scorer.score(TokenizedText.of("thanks, perfect and fast"), "en");
        assertThat(bad.negative()).isTrue();
        assertThat(bad.polarity()).isLessThan(-0.5);
        assertThat(good.negative()).isFalse();
        assertThat(good.polarity()).isGreaterThan(0.5);
    }

    @Test
    void flagsANegativePostFromTheThresholdEvenWhenAnotherClassIsAhead() throws Exception {
        TextClassifier classifier = TextClassifier.load(trainedModel(TrainerTest.separable()));
        TokenizedText mixed = TokenizedText.of("great but broken");
        double pNegative = classifier.probabilities(mixed, "en")[0];
        assertThat(new LinearModelSentimentScorer(classifier, pNegative).score(mixed, "en").negative()).isTrue();
        assertThat(new LinearModelSentimentScorer(classifier, 1).score(mixed, "en").negative())
                .isEqualTo(pNegative > 0.5);
    }

    @Test
    void refusesAModelWithoutANegativeClass() throws Exception {
        Path file = trainedModel(TrainerTest.separable().stream()
                .map(p -> new LabelledPost(p.text(), p.lang(), p.label().equals("negative") ? "complaint" : "other"))
                .toList());
        assertThatThrownBy(() -> LinearModelSentimentScorer.load(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("needs a 'negative' class")
                .hasMessageContaining("--label-map");
    }
}
