package io.outcry.window;

/**
 * What a window counts: one brand, in one region, about one topic.
 *
 * @param brand      brand id from the catalog
 * @param regionCode GeoNames admin-1 code, or {@code unknown}
 * @param topic      topic id from the taxonomy
 */
public record WindowKey(String brand, String regionCode, String topic) {}
