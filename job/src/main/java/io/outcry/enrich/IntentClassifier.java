package io.outcry.enrich;

import io.outcry.text.TokenizedText;
import io.outcry.sentiment.Sentiment;
import io.outcry.post.Post;
import java.util.List;

/** Tells what a post wants: complain, ask, praise, report that service is back, or nothing of those. */
public interface IntentClassifier {

    /**
     * @param lang      the post's language, from a {@link LanguageIdentifier}
     * @param brands    the brands the post names
     * @param sentiment how the post feels
     * @param complaint whether a {@link ComplaintDetector} found it a complaint
     */
    Intent classify(Post post, TokenizedText text, String lang, List<String> brands, Sentiment sentiment, boolean complaint);
}
