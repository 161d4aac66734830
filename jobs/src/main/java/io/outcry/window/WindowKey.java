package io.outcry.window;

/**
 * What a window counts: one brand, in one region, about one topic.
 *
 * @param brand      brand id from the catalog
 * @param regionCode GeoNames admin-1 code, or {@code unknown}
 * @param topic      topic id from the taxonomy
 */
public record WindowKey(String brand, String regionCode, String topic) {

    /**
     * The brand's hash alone, so Flink puts every window of a brand in the key group the brand
     * itself hashes to: the spike detector, keyed by brand, then runs in the same task as the
     * brand's windows and takes their results without a network shuffle (serialising them cost
     * about as much as detecting). Equal keys still have equal hashes.
     */
    @Override
    public int hashCode() {
        return brand.hashCode();
    }
}
