package io.outcry.enrich;

import java.io.Serializable;

/**
 * Which catalogs the enrichment reads. Serializable so that a Flink function can carry it
 * to the task managers and build its {@link Enricher} there, in {@code open()}.
 *
 * @param brandCatalog   path of a brand catalog YAML file, or null for the bundled
 *                       {@code catalog/brands.yaml}
 * @param topicTaxonomy  path of a topic taxonomy YAML file, or null for the bundled
 *                       {@code catalog/topics.yaml}
 * @param complaintCues  path of a complaint cues YAML file, or null for the bundled
 *                       {@code lexicon/complaint-cues.yaml}
 * @param sentimentModel path of a polarity model written by {@code outcry train}, or null for
 *                       the bundled lexicon-and-rules scorer
 * @param minLocationConfidence the least confidence of the step that located a post
 *                       ({@link io.outcry.locate.LocationSource}) for the post to count in its
 *                       region's windows; a post located less surely counts in {@code unknown}
 */
public record EnrichmentConfig(
        String brandCatalog, String topicTaxonomy, String complaintCues, String sentimentModel, double minLocationConfidence)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Profile locations (0.4) count. Without them, about half of the posts from platforms
     * without geotags have no region. A profile names the wrong region when its author
     * travels, but those posts mostly spread over many home regions, and the right region
     * still gets the rest. Even on airline tweets, posted largely from airports, the profile named the
     * right region for 0.47 of them. The measurements are in docs/understanding-posts.md.
     */
    public static final double DEFAULT_MIN_LOCATION_CONFIDENCE = 0.4;

    public EnrichmentConfig {
        if (!(minLocationConfidence >= 0 && minLocationConfidence <= 1)) {
            throw new IllegalArgumentException("min location confidence is " + minLocationConfidence + "; use a value in [0, 1]");
        }
    }

    /** Everything bundled. */
    public static EnrichmentConfig defaults() {
        return new EnrichmentConfig(null, null, null, null, DEFAULT_MIN_LOCATION_CONFIDENCE);
    }

    public EnrichmentConfig withBrandCatalog(String path) {
        return new EnrichmentConfig(path, topicTaxonomy, complaintCues, sentimentModel, minLocationConfidence);
    }

    public EnrichmentConfig withTopicTaxonomy(String path) {
        return new EnrichmentConfig(brandCatalog, path, complaintCues, sentimentModel, minLocationConfidence);
    }

    public EnrichmentConfig withComplaintCues(String path) {
        return new EnrichmentConfig(brandCatalog, topicTaxonomy, path, sentimentModel, minLocationConfidence);
    }

    public EnrichmentConfig withSentimentModel(String path) {
        return new EnrichmentConfig(brandCatalog, topicTaxonomy, complaintCues, path, minLocationConfidence);
    }

    public EnrichmentConfig withMinLocationConfidence(double confidence) {
        return new EnrichmentConfig(brandCatalog, topicTaxonomy, complaintCues, sentimentModel, confidence);
    }
}
