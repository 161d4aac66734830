package io.outcry.locate;

import java.util.Locale;

/**
 * How a post's position was found, from the surest to none at all, with the confidence each
 * step carries: the map shows it, and a zone weighs its posts by it.
 */
public enum LocationSource {
    /** The post's own coordinates. */
    COORDINATES(1.0),
    /** The centre of the place the platform attached. */
    PLACE(0.8),
    /** A place the text or a hashtag names ("a Napoli", "#Milano", "zona Bicocca", "(MI)"). */
    TEXT(0.6),
    /** The author's profile location, matched against the gazetteer. */
    PROFILE(0.4),
    /** Nothing tells. */
    UNKNOWN(0);

    private final double confidence;

    LocationSource(double confidence) {
        this.confidence = confidence;
    }

    /** The confidence of a position found this way, in [0, 1]. */
    public double confidence() {
        return confidence;
    }

    /** Lower-case name, as documents carry it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
