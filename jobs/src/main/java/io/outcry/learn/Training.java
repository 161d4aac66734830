package io.outcry.learn;

import io.outcry.enrich.TokenizedText;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Trains a model on labelled posts, tokenised the way the enrichment tokenises them. */
public final class Training {

    private Training() {}

    /** A model over the sorted labels of {@code posts}. */
    public static LinearModel train(List<LabelledPost> posts, HashedFeatures features, Trainer.Options options) {
        List<String> classes = List.copyOf(new TreeSet<>(posts.stream().map(LabelledPost::label).toList()));
        if (classes.size() < 2) {
            throw new CsvException("the posts carry a single label " + classes + ": nothing to learn");
        }
        List<Trainer.Sample> samples = new ArrayList<>(posts.size());
        FeatureVector scratch = new FeatureVector();
        for (LabelledPost post : posts) {
            features.extract(TokenizedText.of(post.text()), post.lang(), scratch);
            samples.add(new Trainer.Sample(scratch.copy(), classes.indexOf(post.label())));
        }
        return new Trainer(options).train(features, classes, samples);
    }
}
