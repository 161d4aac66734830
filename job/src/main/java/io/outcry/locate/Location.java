package io.outcry.locate;

import io.outcry.post.GeoPoint;

/**
 * Where a post is from, and how sure we are.
 *
 * @param source       which step found it
 * @param confidence   in [0, 1]: the step's confidence, lower when the match is coarse (a region, a province code)
 * @param point        the position, null when unknown
 * @param place        the named place it matched or lies nearest to, null when none
 * @param provinceCode GeoNames admin-2 code (e.g. {@code IT.09.MI}), null when not known
 * @param regionCode   GeoNames admin-1 code (e.g. {@code IT.09}), null when not known
 */
public record Location(
        LocationSource source, double confidence, GeoPoint point, String place, String provinceCode, String regionCode) {

    public static final Location UNKNOWN = new Location(LocationSource.UNKNOWN, 0, null, null, null, null);

    public boolean isKnown() {
        return point != null;
    }
}
