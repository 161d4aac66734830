package io.outcry.enrich;

import java.util.List;

/** Tells what a post is about. */
public interface TopicClassifier {

    /** The topic a post about nothing known gets. */
    String OTHER = "other";

    /** Topic ids of the post, each once, in taxonomy order; {@code [other]} when none applies. */
    List<String> classify(TokenizedText text);
}
