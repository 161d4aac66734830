package io.outcry.care;

/**
 * How far a brand's care posts got: the time of the latest customer post or brand reply of the
 * brand that the case tracker was sent. Cases are spread by conversation, so no one tracker sees
 * all of a brand's posts; at the end of a bounded input each learns from these how far time is
 * known to have passed for the brand (see {@link CaseTracker}).
 *
 * @param brand       brand id
 * @param latestInput epoch ms
 */
public record BrandClock(String brand, long latestInput) {}
