package io.outcry.care;

/** What a care window is about: a brand ({@code *} topic and region), or a brand's topic in a region. */
public record CareWindowKey(String brand, String scope, String topic, String region) {}
