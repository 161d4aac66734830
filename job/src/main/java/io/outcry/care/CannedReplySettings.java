package io.outcry.care;

import java.io.Serializable;
import java.time.Duration;

/**
 * How canned replies are told apart from personal ones. {@link #defaults()} holds the tuned values
 * (docs/care.md, "Canned replies", says how they were chosen).
 *
 * @param threshold      estimated Jaccard similarity of two replies' shingle sets from which they are
 *                       near-duplicates (default 0.7)
 * @param shingleWords   words per shingle (default 2): a template's slots (handle, name, ticket,
 *                       signature) are dropped by normalisation, so short word shingles suffice and
 *                       keep personal replies that share a greeting far apart
 * @param bands          LSH bands of the MinHash signature (default 16)
 * @param rows           signature rows per band (default 4); bands × rows is the signature length
 * @param horizon        how long a reply is remembered after its event time (default 7 days)
 * @param maxRemembered  most replies remembered per brand; the oldest go first (default 20,000)
 */
public record CannedReplySettings(
        double threshold, int shingleWords, int bands, int rows, Duration horizon, int maxRemembered)
        implements Serializable {

    public CannedReplySettings {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("canned-reply threshold must be in (0, 1], got " + threshold);
        }
        if (shingleWords < 1 || bands < 1 || rows < 1) {
            throw new IllegalArgumentException("shingle words, bands and rows must be 1 or more, got "
                    + shingleWords + ", " + bands + ", " + rows);
        }
        if (horizon == null || horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("canned-reply horizon must be positive, got " + horizon);
        }
        if (maxRemembered < 1) {
            throw new IllegalArgumentException("canned-reply memory must hold at least 1 reply, got " + maxRemembered);
        }
    }

    public static CannedReplySettings defaults() {
        return new CannedReplySettings(0.7, 2, 16, 4, Duration.ofDays(7), 20_000);
    }

    public CannedReplySettings withHorizon(Duration value) {
        return new CannedReplySettings(threshold, shingleWords, bands, rows, value, maxRemembered);
    }

    public CannedReplySettings withMaxRemembered(int value) {
        return new CannedReplySettings(threshold, shingleWords, bands, rows, horizon, value);
    }

    public CannedReplySettings withThreshold(double value) {
        return new CannedReplySettings(value, shingleWords, bands, rows, horizon, maxRemembered);
    }

    /** Length of a MinHash signature. */
    public int signatureLength() {
        return bands * rows;
    }
}
