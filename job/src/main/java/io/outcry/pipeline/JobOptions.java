package io.outcry.pipeline;

import io.outcry.detect.DetectorSettings;
import io.outcry.enrich.EnrichmentConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * How the Outcry job windows posts. {@link #defaults()} is the one place defaults live;
 * change one setting with a {@code with...} method.
 *
 * @param windowSize        tumbling window length (default 1 min)
 * @param allowedLateness   how long after a window's end a late post still updates it (default 5 min)
 * @param maxOutOfOrderness how far behind the newest post a post may arrive and still be on time (default 30 s)
 * @param sourceIdleness    after this long without posts, a source split stops holding back event time (default 1 min)
 * @param maxExamplePosts   example post ids kept per window (default 5)
 * @param enrichment        the catalogs the enrichment reads (default: the bundled ones)
 * @param indexPrefix       Elasticsearch index prefix; indices are {@code <prefix>-yyyy.MM.dd} (default {@code outcry-windows})
 * @param detector          how complaint spikes are judged (default: {@link DetectorSettings#defaults()})
 */
public record JobOptions(
        Duration windowSize,
        Duration allowedLateness,
        Duration maxOutOfOrderness,
        Duration sourceIdleness,
        int maxExamplePosts,
        EnrichmentConfig enrichment,
        String indexPrefix,
        DetectorSettings detector) {

    public JobOptions {
        requirePositive(windowSize, "window size");
        requireNotNegative(allowedLateness, "allowed lateness");
        requireNotNegative(maxOutOfOrderness, "max out-of-orderness");
        requirePositive(sourceIdleness, "source idleness");
        if (maxExamplePosts < 0) {
            throw new IllegalArgumentException("max example posts is " + maxExamplePosts + "; use 0 or more");
        }
        Objects.requireNonNull(enrichment, "enrichment: use EnrichmentConfig.defaults() for the bundled catalogs");
        if (indexPrefix == null || !indexPrefix.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new IllegalArgumentException("index prefix '" + indexPrefix
                    + "' is not a valid Elasticsearch index name: use lower-case letters, digits, '.', '_' or '-'");
        }
        Objects.requireNonNull(detector, "detector: use DetectorSettings.defaults()");
    }

    public static JobOptions defaults() {
        return new JobOptions(
                Duration.ofMinutes(1),
                Duration.ofMinutes(5),
                Duration.ofSeconds(30),
                Duration.ofMinutes(1),
                5,
                EnrichmentConfig.defaults(),
                "outcry-windows",
                DetectorSettings.defaults());
    }

    public JobOptions withWindowSize(Duration value) {
        return new JobOptions(value, allowedLateness, maxOutOfOrderness, sourceIdleness, maxExamplePosts, enrichment, indexPrefix, detector);
    }

    public JobOptions withAllowedLateness(Duration value) {
        return new JobOptions(windowSize, value, maxOutOfOrderness, sourceIdleness, maxExamplePosts, enrichment, indexPrefix, detector);
    }

    public JobOptions withMaxOutOfOrderness(Duration value) {
        return new JobOptions(windowSize, allowedLateness, value, sourceIdleness, maxExamplePosts, enrichment, indexPrefix, detector);
    }

    public JobOptions withSourceIdleness(Duration value) {
        return new JobOptions(windowSize, allowedLateness, maxOutOfOrderness, value, maxExamplePosts, enrichment, indexPrefix, detector);
    }

    public JobOptions withMaxExamplePosts(int value) {
        return new JobOptions(windowSize, allowedLateness, maxOutOfOrderness, sourceIdleness, value, enrichment, indexPrefix, detector);
    }

    public JobOptions withEnrichment(EnrichmentConfig value) {
        return new JobOptions(windowSize, allowedLateness, maxOutOfOrderness, sourceIdleness, maxExamplePosts, value, indexPrefix, detector);
    }

    public JobOptions withDetector(DetectorSettings value) {
        return new JobOptions(windowSize, allowedLateness, maxOutOfOrderness, sourceIdleness, maxExamplePosts, enrichment, indexPrefix, value);
    }

    public JobOptions withIndexPrefix(String value) {
        return new JobOptions(windowSize, allowedLateness, maxOutOfOrderness, sourceIdleness, maxExamplePosts, enrichment, value, detector);
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " is " + value + "; it must be a positive duration");
        }
    }

    private static void requireNotNegative(Duration value, String name) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " is " + value + "; it must be zero or a positive duration");
        }
    }
}
