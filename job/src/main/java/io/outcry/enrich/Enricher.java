package io.outcry.enrich;

import io.outcry.post.Post;
import java.util.List;

/**
 * Everything Outcry understands of one post. Built once per task from the catalogs
 * (see {@link EnrichmentConfig}), then called for every post, so it must be fast and
 * allocation-light.
 */
public interface Enricher {

    EnrichedPost enrich(Post post);

    /** The brands whose official account {@code handle} is (see {@link BrandRecognizer#brandsOfAccount}). */
    default List<String> brandsOfAccount(String platform, String handle) {
        return List.of();
    }

    /** Whether {@code handle} speaks for the brand (see {@link BrandRecognizer#isOfficialAccount}). */
    default boolean isOfficialAccount(String platform, String brandId, String handle) {
        return false;
    }
}
