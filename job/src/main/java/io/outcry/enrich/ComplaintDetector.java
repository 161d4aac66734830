package io.outcry.enrich;

import io.outcry.text.TokenizedText;
import io.outcry.sentiment.Sentiment;
import io.outcry.post.Post;
import java.util.List;

/** Tells whether a post complains about a brand. */
public interface ComplaintDetector {

    /**
     * @param brands    the brands the post names, from a {@link BrandRecognizer}
     * @param sentiment how the post feels, from a {@link SentimentScorer}
     */
    boolean isComplaint(Post post, TokenizedText text, List<String> brands, Sentiment sentiment);
}
