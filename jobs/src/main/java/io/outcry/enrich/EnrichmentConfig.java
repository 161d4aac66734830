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
 */
public record EnrichmentConfig(String brandCatalog, String topicTaxonomy, String complaintCues, String sentimentModel)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Everything bundled. */
    public static EnrichmentConfig defaults() {
        return new EnrichmentConfig(null, null, null, null);
    }

    public EnrichmentConfig withBrandCatalog(String path) {
        return new EnrichmentConfig(path, topicTaxonomy, complaintCues, sentimentModel);
    }

    public EnrichmentConfig withTopicTaxonomy(String path) {
        return new EnrichmentConfig(brandCatalog, path, complaintCues, sentimentModel);
    }

    public EnrichmentConfig withComplaintCues(String path) {
        return new EnrichmentConfig(brandCatalog, topicTaxonomy, path, sentimentModel);
    }

    public EnrichmentConfig withSentimentModel(String path) {
        return new EnrichmentConfig(brandCatalog, topicTaxonomy, complaintCues, path);
    }
}
