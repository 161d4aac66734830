package io.outcry.detect;

import io.outcry.care.BrandResponse;

/**
 * One event in an alert's life, carrying the alert's whole state after it: the alerts index
 * keeps the latest per {@link #alertId}, the history index and the alerts topic keep them all.
 * Holds no wall-clock time: a replay yields the same events.
 *
 * @param alertId          {@code brand|region|topic|onset}: the same on a replay or a restart
 * @param event            open, update, reopen, resolve or revise
 * @param sequence         0 for the open, then +1 per event of this alert
 * @param status           open or resolved
 * @param level            brand, brand_topic, brand_region or brand_region_topic
 * @param brand            brand id
 * @param regionCode       GeoNames admin-1 code, or {@code *} for all regions
 * @param regionName       region name, or {@code *}
 * @param topic            topic id, or {@code *} for all topics
 * @param onset            start of the first anomalous window, epoch ms
 * @param detectedAt       end of the window that opened the alert, epoch ms
 * @param eventTime        end of the window that caused this event, epoch ms
 * @param lastAnomalousEnd end of the latest anomalous window, epoch ms
 * @param severity         1-10 from observed / expected now; 0 once resolved
 * @param peakSeverity     highest severity so far
 * @param crisisScore      0-100: deviation, negativity, reach and velocity together
 * @param observed         credible complainers in the latest window
 * @param expected         what the baseline expected there
 * @param score            surprise of the latest window: {@code -log10} of its chance under the baseline
 * @param peakObserved     most credible complainers in one window of the alert
 * @param anomalousWindows windows the alert has been anomalous for (its persistence)
 * @param scaleMinutes     minutes summed by the scale a spike alert opened at (1 for a sharp
 *                         spike, up to 60 for a slow one); 0 for zone and care alerts
 * @param explanation      why it fired
 * @param response         how the brand spoke up about it, or null where that is not measured
 *                         (the detector leaves it out; {@code care.StatementTracker} fills it in)
 */
public record AlertEvent(
        String alertId,
        String event,
        int sequence,
        String status,
        String level,
        String brand,
        String regionCode,
        String regionName,
        String topic,
        long onset,
        long detectedAt,
        long eventTime,
        long lastAnomalousEnd,
        int severity,
        int peakSeverity,
        double crisisScore,
        double observed,
        double expected,
        double score,
        double peakObserved,
        int anomalousWindows,
        int scaleMinutes,
        Explanation explanation,
        BrandResponse response) {

    /** An event as the detectors make it, before the brand's response is measured. */
    public AlertEvent(String alertId, String event, int sequence, String status, String level, String brand,
            String regionCode, String regionName, String topic, long onset, long detectedAt, long eventTime,
            long lastAnomalousEnd, int severity, int peakSeverity, double crisisScore, double observed, double expected,
            double score, double peakObserved, int anomalousWindows, int scaleMinutes, Explanation explanation) {
        this(alertId, event, sequence, status, level, brand, regionCode, regionName, topic, onset, detectedAt, eventTime,
                lastAnomalousEnd, severity, peakSeverity, crisisScore, observed, expected, score, peakObserved,
                anomalousWindows, scaleMinutes, explanation, null);
    }

    /** The same event showing how the brand spoke up. */
    public AlertEvent withResponse(BrandResponse measured) {
        return new AlertEvent(alertId, event, sequence, status, level, brand, regionCode, regionName, topic, onset,
                detectedAt, eventTime, lastAnomalousEnd, severity, peakSeverity, crisisScore, observed, expected, score,
                peakObserved, anomalousWindows, scaleMinutes, explanation, measured);
    }

    public static final String OPEN = "open";
    public static final String RESOLVED = "resolved";

    public static String id(String brand, String regionCode, String topic, long onset) {
        return brand + '|' + regionCode + '|' + topic + '|' + java.time.Instant.ofEpochMilli(onset);
    }
}
