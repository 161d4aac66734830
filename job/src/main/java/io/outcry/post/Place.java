package io.outcry.post;

/**
 * A named place the platform attached to a post.
 *
 * @param name        display name, e.g. {@code Milano}
 * @param countryCode ISO 3166-1 alpha-2, or null
 * @param centre      the place's centre, or null when the platform gives none
 */
public record Place(String name, String countryCode, GeoPoint centre) {}
