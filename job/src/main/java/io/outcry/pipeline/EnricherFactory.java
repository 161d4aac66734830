package io.outcry.pipeline;

import io.outcry.enrich.CatalogEnricher;
import io.outcry.enrich.Enricher;
import io.outcry.enrich.EnrichmentConfig;
import java.io.Serializable;

/**
 * Builds the {@link Enricher} on the task manager: enrichers hold catalogs and indexes that
 * are built where they run rather than shipped with the job graph.
 */
@FunctionalInterface
public interface EnricherFactory extends Serializable {

    Enricher create() throws Exception;

    /** The catalog enrichment of {@code config}, loaded where it runs. */
    static EnricherFactory fromCatalogs(EnrichmentConfig config) {
        return () -> CatalogEnricher.load(config);
    }
}
