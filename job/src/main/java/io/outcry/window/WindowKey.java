package io.outcry.window;

/**
 * What a window counts: one brand, in one region, about one topic. Its hash is the record's,
 * of all three, so a brand's windows spread over every parallel window task: a telco's outage,
 * the moment the product exists for, does not run on one slot.
 *
 * @param brand      brand id from the catalog
 * @param regionCode GeoNames admin-1 code, or {@code unknown}
 * @param topic      topic id from the taxonomy
 */
public record WindowKey(String brand, String regionCode, String topic) {

    /**
     * Each key read from the network brings its own copies of a few brand, region and topic
     * names; the state of a million open windows keeps one of each.
     */
    public WindowKey {
        brand = brand == null ? null : brand.intern();
        regionCode = regionCode == null ? null : regionCode.intern();
        topic = topic == null ? null : topic.intern();
    }
}
