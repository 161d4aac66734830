package io.outcry.care;

import io.outcry.zone.ZoneEvent;
import java.util.List;

/**
 * An outage zone as the {@link StatementTracker} keeps it: its events whose documents may still change,
 * in event-time order, each with the response last sent with it, and what the brand had said by
 * the time up to which everything has come.
 *
 * @param events     the zone's events from the one current at {@code settledAt} on, the latest version of each sequence
 * @param shown      the response last sent with each of {@code events}
 * @param settledAt  event time up to which every input has come (the watermark less the lateness), or -1
 * @param settled    what the brand had said by {@code settledAt} while {@code events.get(0)} was current, or null
 */
public record ZoneTrack(List<ZoneEvent> events, List<BrandResponse> shown, long settledAt, BrandResponse settled) {}
