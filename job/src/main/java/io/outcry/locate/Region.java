package io.outcry.locate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.outcry.post.GeoPoint;

/**
 * A first-level administrative region (GeoNames admin-1), e.g. {@code IT.09} Lombardy (GeoNames English names).
 *
 * @param code        GeoNames admin-1 code {@code <country>.<admin1>}, or {@code unknown}
 * @param name        region name, or {@code Unknown}
 * @param countryCode ISO 3166-1 alpha-2, or null
 * @param centre      centroid of the region's gazetteer places, or null when unknown
 */
public record Region(String code, String name, String countryCode, GeoPoint centre) {

    public static final Region UNKNOWN = new Region("unknown", "Unknown", null, null);

    /** One instance per region, however many copies were read: a million open windows hold a few thousand regions. */
    private static final Map<Region, Region> SHARED = new ConcurrentHashMap<>();

    /** The one shared instance equal to this region. */
    public Region shared() {
        return SHARED.computeIfAbsent(this, region -> region);
    }
}
