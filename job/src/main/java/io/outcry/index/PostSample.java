package io.outcry.index;

import io.outcry.window.TextFingerprint;
import java.io.Serializable;

/**
 * Which posts the posts index keeps: a share of them chosen by a hash of their key, so a replay,
 * a restart or another job keeps the same posts, and the kept ones are a fair sample of the rest.
 *
 * @param fraction in (0, 1]; 1 keeps every post
 */
public record PostSample(double fraction) implements Serializable {

    public PostSample {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("posts sample is " + fraction + "; use a share in (0, 1], e.g. 0.1, or 1 for every post");
        }
    }

    public boolean keeps(String key) {
        // The top 53 bits as a fraction in [0, 1).
        return fraction >= 1 || (TextFingerprint.ofId(key) >>> 11) * 0x1.0p-53 < fraction;
    }
}
