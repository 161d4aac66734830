package io.outcry.detect;

import java.util.Locale;

/** How coarse a detector key is: a brand overall, or narrowed to a topic, a region or both. */
public enum Level {
    BRAND, BRAND_TOPIC, BRAND_REGION, BRAND_REGION_TOPIC;

    /** The wildcard for "all regions" or "all topics" in a key. */
    public static final String ALL = "*";

    public static Level of(String regionCode, String topic) {
        boolean region = !ALL.equals(regionCode);
        boolean topical = !ALL.equals(topic);
        return region ? (topical ? BRAND_REGION_TOPIC : BRAND_REGION) : (topical ? BRAND_TOPIC : BRAND);
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
