package io.outcry.sentiment;

/**
 * How a post feels.
 *
 * @param polarity in [-1, 1], negative means unhappy, 0 neutral or unknown
 * @param negative whether the post reads as negative
 */
public record Sentiment(double polarity, boolean negative) {

    public static final Sentiment NEUTRAL = new Sentiment(0, false);
}
