package io.outcry.enrich;

import io.outcry.text.TokenizedText;
import java.util.List;
import java.util.Set;

/** Tells what a post is about. */
public interface TopicClassifier {

    /** The topic a post about nothing known gets. */
    String OTHER = "other";

    /**
     * Topic ids of the post, each once, in taxonomy order; {@code [other]} when none applies.
     *
     * @param industries the industries of the brands the post names: the post gets their
     *     topics and the generic ones, so that "late" is a delayed flight for an airline and a
     *     late parcel for a courier. Empty when it names none (generic topics only); null when
     *     they are not known (every industry's topics).
     */
    List<String> classify(TokenizedText text, Set<String> industries);
}
