package io.outcry.learn;

import io.outcry.model.FeatureVector;
import io.outcry.model.HashedFeatures;
import io.outcry.model.LinearModel;
import io.outcry.model.ModelFile;
import io.outcry.model.TextClassifier;
import io.outcry.model.LinearModelSentimentScorer;
import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.text.TokenizedText;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    @TempDir
    Path dir;

    /** Two classes told apart by words no post of the other class uses. */
    static List<LabelledPost> separable() {
        List<LabelledPost> posts = new ArrayList<>();
        String[] bad = {"broken", "outage", "terrible", "down", "awful"};
        String[] good = {"great", "thanks", "lovely", "perfect", "fast"};
        String[] filler = {"today", "the service", "again", "my line", "this morning"};
        for (int i = 0; i < 25; i++) {
            posts.add(new LabelledPost(filler[i % 5] + " " + bad[i % 5] + " " + bad[(i / 5) % 5], "en", "negative"));
            posts.add(new LabelledPost(filler[(i + 2) % 5] + " " + good[i % 5] + " " + good[(i / 5) % 5], "en", "positive"));
        }
        return posts;
    }

    private static LinearModel train(List<LabelledPost> posts) {
        return Training.train(posts, new HashedFeatures(14, 3, 5), new Trainer.Options(10, 0.2, 1e-6, 7, false));
    }

    @Test
    void learnsASeparableSet() {
        List<LabelledPost> posts = separable();
        TextClassifier classifier = new TextClassifier(train(posts));
        assertThat(classifier.classes()).containsExactly("negative", "positive");
        for (LabelledPost post : posts) {
            assertThat(classifier.classify(TokenizedText.of(post.text()), "en").label()).as(post.text()).isEqualTo(post.label());
        }
        assertThat(classifier.classify(TokenizedText.of("terrible outage"), "en").probability()).isGreaterThan(0.8);
    }

    @Test
    void trainsTheSameModelBitForBitFromTheSameSeed() throws IOException {
        assertThat(bytes(train(separable()))).isEqualTo(bytes(train(separable())));
    }

    @Test
    void weighsRareClassesUpWhenBalanced() {
        List<LabelledPost> posts = new ArrayList<>(separable().stream().filter(p -> p.label().equals("negative")).toList());
        posts.add(new LabelledPost("great thanks", "en", "positive"));
        HashedFeatures features = new HashedFeatures(14, 3, 5);
        TokenizedText probe = TokenizedText.of("lovely");
        double plain = new TextClassifier(Training.train(posts, features, new Trainer.Options(5, 0.2, 0, 1, false)))
                .probabilities(probe, "en")[1];
        double balanced = new TextClassifier(Training.train(posts, features, new Trainer.Options(5, 0.2, 0, 1, true)))
                .probabilities(probe, "en")[1];
        assertThat(balanced).isGreaterThan(plain);
    }

    @Test
    void aModelReadBackPredictsExactlyAsTheOneWritten() throws IOException {
        LinearModel model = train(separable());
        byte[] written = bytes(model);
        LinearModel read = ModelFile.read(new ByteArrayInputStream(written), "memory");
        assertThat(read.classes()).isEqualTo(model.classes());
        assertThat(bytes(read)).isEqualTo(written);
        TextClassifier before = new TextClassifier(model);
        TextClassifier after = new TextClassifier(read);
        for (String text : List.of("terrible outage today", "thanks, lovely", "nothing known here", "")) {
            double[] expected = before.probabilities(TokenizedText.of(text), "en").clone();
            assertThat(after.probabilities(TokenizedText.of(text), "en")).containsExactly(expected);
        }
    }

    @Test
    void keepsThePolarityViewInTheModelFile() throws IOException {
        LinearModel model = Training.train(separable(), new HashedFeatures(14, 3, 5, true, true, true),
                new Trainer.Options(5, 0.2, 1e-6, 7, false));
        LinearModel read = ModelFile.read(new ByteArrayInputStream(bytes(model)), "memory");
        assertThat(read.features().polarityView()).isTrue();
        assertThat(read.features().views()).isEqualTo(3);
        double[] expected = new TextClassifier(model).probabilities(TokenizedText.of("terrible outage"), "en").clone();
        assertThat(new TextClassifier(read).probabilities(TokenizedText.of("terrible outage"), "en")).containsExactly(expected);
    }

    @Test
    void keepsStemsInTheModelFileAndReadsTheFormatBeforeThem() throws IOException {
        LinearModel model = Training.train(separable(), new HashedFeatures(14, 0, 0, false, true, true, true),
                new Trainer.Options(5, 0.2, 1e-6, 7, false));
        byte[] written = bytes(model);
        assertThat(ModelFile.read(new ByteArrayInputStream(written), "memory").features().stems()).isTrue();
        // format 3: the same header without the stems flag, which follows "OCLM", the version,
        // the scheme, three ints and three flags
        int flag = 4 + 4 + 4 + 3 * 4 + 3;
        byte[] older = new byte[written.length - 1];
        System.arraycopy(written, 0, older, 0, flag);
        System.arraycopy(written, flag + 1, older, flag, written.length - flag - 1);
        older[7] = 3;
        LinearModel read = ModelFile.read(new ByteArrayInputStream(older), "memory");
        assertThat(read.features().stems()).isFalse();
        assertThat(read.features().polarityView()).isTrue();
        assertThat(read.classes()).isEqualTo(model.classes());
    }

    @Test
    void tunesTheThresholdOfAClassOnHeldOutTrainingPostsAndKeepsItInTheFile() throws IOException {
        List<LabelledPost> posts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            posts.add(new LabelledPost("terrible outage number " + i, "en", "negative"));
            posts.add(new LabelledPost("lovely service number " + i, "en", "other"));
            posts.add(new LabelledPost("a day like any other, post " + i, "en", "other"));
        }
        HashedFeatures features = new HashedFeatures(14, 3, 5, true, true);
        LinearModel model = Training.train(posts, features, new Trainer.Options(5, 0.2, 1e-6, 7, false), "negative");
        assertThat(model.decisionClass()).isEqualTo(model.classIndex("negative"));
        assertThat(model.threshold()).isBetween(0.05, 0.95);
        LinearModel read = ModelFile.read(new ByteArrayInputStream(bytes(model)), "memory");
        assertThat(read.decisionClass()).isEqualTo(model.decisionClass());
        assertThat(read.threshold()).isEqualTo(model.threshold());
        assertThat(read.features().views()).isEqualTo(2);
        assertThat(read.features().lexicon()).isTrue();
        assertThat(read.features().polarityView()).isFalse();
        TextClassifier classifier = new TextClassifier(read);
        assertThat(classifier.classify(TokenizedText.of("another terrible outage"), "en").label()).isEqualTo("negative");
        assertThat(classifier.classify(TokenizedText.of("lovely service again"), "en").label()).isEqualTo("other");
        assertThat(LinearModelSentimentScorer.load(write(read)).score(TokenizedText.of("terrible outage"), "en").negative())
                .isTrue();
    }

    @Test
    void choosesTheThresholdOfBestF1AmongHeldOutProbabilities() {
        List<Trainer.Sample> samples = new ArrayList<>();
        double[] probability = {0.9, 0.45, 0.3, 0.2, 0.1};
        int[] label = {0, 0, 1, 1, 1};
        for (int l : label) {
            samples.add(new Trainer.Sample(new FeatureVector(), l));
        }
        // just above 0.3: both class-0 posts and nothing else, F1 1; the lowest such step wins
        assertThat(Training.bestThreshold(probability, samples, 0)).isBetween(0.3, 0.31 + 1e-9);
    }

    @Test
    void refusesAFileThatIsNotAModel() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ModelFile.read(new ByteArrayInputStream("id,text\n".getBytes()), "posts.csv"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("posts.csv is not an Outcry model file");
    }

    private Path write(LinearModel model) throws IOException {
        Path file = dir.resolve("model.bin");
        ModelFile.write(model, file);
        return file;
    }

    private static byte[] bytes(LinearModel model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ModelFile.write(model, out);
        return out.toByteArray();
    }
}
