package io.outcry.zone;

import io.outcry.care.BrandResponse;
import io.outcry.post.CitedPost;
import java.util.List;

/**
 * One event in an outage zone's life, carrying the zone's whole state after it: the zones
 * index keeps the latest per {@link #zoneId}, the history index and the zones topic keep them
 * all. Holds no wall-clock time, so a replay yields the same events.
 *
 * @param zoneId          {@code brand|geohash|window}: the cell of the opening window's centre and that window's
 *                        start, the same on a replay or a restart
 * @param event           open, update, confirm, recovering, relapse, resolve, dismiss, merge or split
 * @param sequence        0 for the open, then +1 per event of this zone
 * @param status          suspected, confirmed, recovering or resolved
 * @param brand           brand id
 * @param centreLat       confidence-weighted centre of its posts
 * @param centreLon       confidence-weighted centre of its posts
 * @param bbox            {@code minLat, minLon, maxLat, maxLon} of its cells
 * @param cells           its geohash cells
 * @param onset           where its outage began, epoch ms: the change point of its cells' voices, which may lie
 *                        long before the window that opened it; it only moves earlier as the zone grows
 * @param lastSeen        end of its latest hot window, epoch ms
 * @param peakAt          start of its window with the most voices, epoch ms
 * @param peakVoices      most distinct authors in one window
 * @param voices          distinct authors in the latest hot window
 * @param posts           outage posts so far
 * @param uniqueAuthors   distinct authors of outage posts so far
 * @param restoredAuthors distinct non-retweet authors saying the service is back
 * @param restoredRetweets "it works again" retweets, which never date a recovery
 * @param confirmedAt     end of the window that confirmed it, epoch ms, or -1 while suspected:
 *                        when its alert was raised
 * @param recoveryAt      estimated recovery, epoch ms, or -1
 * @param resolvedAt      when it was closed, epoch ms, or -1
 * @param eventTime       end of the window that caused this event, epoch ms
 * @param confidence      mean location confidence of its posts
 * @param towns           affected towns, most posts first
 * @param provinces       affected provinces
 * @param regions         affected regions
 * @param sources         posts per location source, {@code source:count}
 * @param related         the zone it merged into, or split from, or null
 * @param response        how the brand spoke up about it, or null where that is not measured
 *                        (the zone detector leaves it out; {@code care.StatementTracker} fills it in)
 * @param examples        the outage posts a reader should open first, best first ({@link ZoneExample#RANKING}),
 *                        at most {@link ZoneExample#MAX}: the best of its hot windows' posts
 */
public record ZoneEvent(
        String zoneId,
        String event,
        int sequence,
        String status,
        String brand,
        double centreLat,
        double centreLon,
        List<Double> bbox,
        List<String> cells,
        long onset,
        long lastSeen,
        long peakAt,
        int peakVoices,
        int voices,
        long posts,
        int uniqueAuthors,
        int restoredAuthors,
        long restoredRetweets,
        long confirmedAt,
        long recoveryAt,
        long resolvedAt,
        long eventTime,
        double confidence,
        List<String> towns,
        List<String> provinces,
        List<String> regions,
        List<String> sources,
        String related,
        BrandResponse response,
        List<CitedPost> examples) {

    public ZoneEvent {
        examples = examples == null ? List.of() : examples;
    }

    /** An event citing no posts, before the brand's response is measured. */
    public ZoneEvent(String zoneId, String event, int sequence, String status, String brand, double centreLat,
            double centreLon, List<Double> bbox, List<String> cells, long onset, long lastSeen, long peakAt, int peakVoices,
            int voices, long posts, int uniqueAuthors, int restoredAuthors, long restoredRetweets, long confirmedAt,
            long recoveryAt, long resolvedAt, long eventTime, double confidence, List<String> towns, List<String> provinces,
            List<String> regions, List<String> sources, String related) {
        this(zoneId, event, sequence, status, brand, centreLat, centreLon, bbox, cells, onset, lastSeen, peakAt, peakVoices,
                voices, posts, uniqueAuthors, restoredAuthors, restoredRetweets, confirmedAt, recoveryAt, resolvedAt,
                eventTime, confidence, towns, provinces, regions, sources, related, null, List.of());
    }

    /** The same event showing how the brand spoke up. */
    public ZoneEvent withResponse(BrandResponse measured) {
        return new ZoneEvent(zoneId, event, sequence, status, brand, centreLat, centreLon, bbox, cells, onset, lastSeen,
                peakAt, peakVoices, voices, posts, uniqueAuthors, restoredAuthors, restoredRetweets, confirmedAt, recoveryAt,
                resolvedAt, eventTime, confidence, towns, provinces, regions, sources, related, measured, examples);
    }

    /** The same event citing these posts instead. */
    public ZoneEvent withExamples(List<CitedPost> cited) {
        return new ZoneEvent(zoneId, event, sequence, status, brand, centreLat, centreLon, bbox, cells, onset, lastSeen,
                peakAt, peakVoices, voices, posts, uniqueAuthors, restoredAuthors, restoredRetweets, confirmedAt, recoveryAt,
                resolvedAt, eventTime, confidence, towns, provinces, regions, sources, related, response, cited);
    }

    /** The ids of the posts it cites, best first. */
    public List<String> examplePostIds() {
        return examples.stream().map(CitedPost::id).toList();
    }

    /** Suspected or confirmed: the service is still out there (recovering and resolved zones are not). */
    public boolean isDown() {
        return Zone.SUSPECTED.equals(status) || Zone.CONFIRMED.equals(status);
    }

    public static String id(String brand, String cell, long onset) {
        return brand + '|' + cell + '|' + java.time.Instant.ofEpochMilli(onset);
    }

    public boolean isOpen() {
        return !Zone.RESOLVED.equals(status);
    }
}
