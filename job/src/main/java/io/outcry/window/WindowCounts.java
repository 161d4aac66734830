package io.outcry.window;

import io.outcry.locate.Region;
import java.util.List;
import java.util.Map;

/** What {@link WindowAggregate} computed for one window, before the key and bounds are added. */
public record WindowCounts(
        Region region,
        long posts,
        long complaints,
        long negatives,
        long uniqueAuthors,
        long uniqueComplainingAuthors,
        long retweets,
        long replies,
        long reach,
        List<ExamplePost> examples,
        Map<String, Long> languages,
        Map<String, Long> intents,
        Map<String, Long> locationSources,
        ComplaintEvidence evidence) {}
