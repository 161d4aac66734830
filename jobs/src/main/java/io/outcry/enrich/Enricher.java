package io.outcry.enrich;

import io.outcry.post.Post;

/**
 * Everything Outcry understands of one post. Built once per task from the catalogs
 * (see {@link EnrichmentConfig}), then called for every post, so it must be fast and
 * allocation-light.
 */
public interface Enricher {

    EnrichedPost enrich(Post post);
}
