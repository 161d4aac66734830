package io.outcry.pipeline;

import io.outcry.enrich.EnrichedPost;
import io.outcry.window.Timeliness;

/**
 * An enriched post that names a brand, once, with whether it came in time for its window: what
 * the windows (after fanning it out per brand and topic), the zones and the too-late dead
 * letters each read.
 */
public record TimedEnrichedPost(EnrichedPost enriched, Timeliness timeliness) {}
