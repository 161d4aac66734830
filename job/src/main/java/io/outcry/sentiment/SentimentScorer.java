package io.outcry.sentiment;

import io.outcry.text.TokenizedText;

/** Tells how a post feels. */
public interface SentimentScorer {

    /**
     * @param lang the post's ISO 639-1 language, or null when unknown
     */
    Sentiment score(TokenizedText text, String lang);
}
