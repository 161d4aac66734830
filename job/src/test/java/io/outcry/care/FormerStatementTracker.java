package io.outcry.care;

import io.outcry.detect.AlertEvent;
import io.outcry.zone.ZoneAlerts;
import io.outcry.zone.ZoneEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The statement tracker as it was before it let events through at once (kept to check that the final
 * documents are what it gave): how fast each brand spoke up about its alerts and outage zones, keyed by brand: the alert and
 * zone events go through it carrying a {@link BrandResponse}.
 *
 * <ul>
 *   <li><b>First statement</b>: the brand's first public post at or after the onset: a post of
 *       one of its official accounts that is not a reply to one customer (not a retweet either),
 *       or a reply whose text names the incident's place, that is its region's name (a spike
 *       alert's region, a zone's regions). Words of the topic do not count: a desk names the
 *       customer's own problem in nearly every reply, so a reply naming "the line" says nothing
 *       about an incident; naming where it is does.</li>
 *   <li><b>First affected reply</b>: the first answer to a care case the case tracker linked to
 *       the alert (the case's id is kept).</li>
 *   <li><b>Restored claim</b> (zones): the first "it works again" (intent {@code restored}) its
 *       official account posted or retweeted at or after the zone's onset while the zone was
 *       suspected or confirmed; not a reply to one customer, which is about that customer's line.</li>
 * </ul>
 *
 * <p>Everything waits until the watermark passes its time plus the allowed lateness and is then
 * taken in event-time order (posts, then cases, zones, alerts at equal times), so each event shows
 * what the brand had said by its time, whatever order the partitions interleave in. A post can
 * come before the alert it is about is detected, so the brand's recent posts are kept: those of
 * the last {@code horizon} (default 6 h), at most {@code maxPosts} (default 5,000) per brand, the
 * oldest going first. An alert or zone is kept {@code horizon} after its latest event; when a
 * statement, an affected reply or a claim comes after its latest event, that event goes out again
 * with it (a correction: the main output and {@link #ZONES} carry corrections, for the indices that
 * keep one document per event id; {@link #ALERTS_ONCE} and {@link #ZONES_ONCE} each event once).
 * Alert ids and sequences are the detectors'.
 */
class FormerStatementTracker extends KeyedProcessFunction<String, StatementInput, AlertEvent> {

    private static final long serialVersionUID = 1L;

    private static final OutputTag<AlertEvent> ALERTS_ONCE = StatementTracker.ALERTS_ONCE;
    private static final OutputTag<ZoneEvent> ZONES = StatementTracker.ZONES;
    private static final OutputTag<ZoneEvent> ZONES_ONCE = StatementTracker.ZONES_ONCE;

    private static final Duration DEFAULT_HORIZON = Duration.ofHours(6);
    private static final int DEFAULT_MAX_POSTS = 5_000;
    private static final long MINUTE = 60_000;
    /** A zone's alert id is its zone id after this ({@link ZoneAlerts}). */
    private static final String ZONE_ALERT_PREFIX = "zone|";
    private static final Comparator<OfficialPost> POST_ORDER =
            Comparator.comparingLong(OfficialPost::createdAt).thenComparing(OfficialPost::postId);
    private static final Comparator<StatementInput> INPUT_ORDER = Comparator.comparingLong(StatementInput::time)
            .thenComparingInt(StatementInput::kind).thenComparing(StatementInput::id);

    private final long latenessMs;
    private final long horizonMs;
    private final int maxPosts;

    private transient MapState<Long, List<StatementInput>> pending;
    private transient ValueState<List<OfficialPost>> recent;
    private transient MapState<String, AlertEvent> alerts;
    private transient MapState<String, ZoneEvent> zones;
    private transient MapState<String, BrandResponse> affected;

    FormerStatementTracker(Duration lateness) {
        this(lateness, DEFAULT_HORIZON, DEFAULT_MAX_POSTS);
    }

    FormerStatementTracker(Duration lateness, Duration horizon, int maxPosts) {
        this.latenessMs = lateness.toMillis();
        this.horizonMs = horizon.toMillis();
        this.maxPosts = maxPosts;
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG,
                Types.LIST(TypeInformation.of(StatementInput.class))));
        recent = getRuntimeContext().getState(new ValueStateDescriptor<>("recent-posts",
                Types.LIST(TypeInformation.of(OfficialPost.class))));
        alerts = getRuntimeContext().getMapState(new MapStateDescriptor<>("alerts", Types.STRING, TypeInformation.of(AlertEvent.class)));
        zones = getRuntimeContext().getMapState(new MapStateDescriptor<>("zones", Types.STRING, TypeInformation.of(ZoneEvent.class)));
        affected = getRuntimeContext().getMapState(new MapStateDescriptor<>("affected", Types.STRING,
                TypeInformation.of(BrandResponse.class)));
    }

    @Override
    public void processElement(StatementInput input, Context ctx, Collector<AlertEvent> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (watermark == Long.MAX_VALUE) {
            // after the end of the input no timer fires again: whatever still comes is taken now
            handle(List.of(input), ctx, out);
            return;
        }
        long turn = Math.max(ceilMinute(input.time() + latenessMs), watermark + 1);
        List<StatementInput> due = pending.get(turn);
        List<StatementInput> more = due == null ? new ArrayList<>() : new ArrayList<>(due);
        more.add(input);
        pending.put(turn, more);
        ctx.timerService().registerEventTimeTimer(turn);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertEvent> out) throws Exception {
        List<StatementInput> due = pending.get(timestamp);
        if (due != null) {
            pending.remove(timestamp);
            handle(due, ctx, out);
        }
        if (timestamp != Long.MAX_VALUE) {
            forget(timestamp - latenessMs - horizonMs);
        }
    }

    /** The inputs in event-time order. */
    private void handle(List<StatementInput> due, Context ctx, Collector<AlertEvent> out) throws Exception {
        List<StatementInput> ordered = new ArrayList<>(due);
        ordered.sort(INPUT_ORDER);
        for (StatementInput input : ordered) {
            switch (input.kind()) {
                case StatementInput.POST -> post(input.post(), ctx, out);
                case StatementInput.CASE -> answered(input.answered(), ctx, out);
                case StatementInput.ZONE -> zone(input.zone(), ctx);
                default -> alert(input.alert(), ctx, out);
            }
        }
    }

    private void post(OfficialPost post, Context ctx, Collector<AlertEvent> out) throws Exception {
        if (post.retweet() && !post.claimsRestored()) {
            return;
        }
        List<OfficialPost> posts = recent.value() == null ? new ArrayList<>() : new ArrayList<>(recent.value());
        int at = -Collections.binarySearch(posts, post, POST_ORDER) - 1;
        if (at < 0) {
            return; // the same post again
        }
        posts.add(at, post);
        if (posts.size() > maxPosts) {
            posts.remove(0);
        }
        recent.update(posts);
        forgetLater(post.createdAt(), ctx);
        for (Map.Entry<String, AlertEvent> entry : entries(alerts)) {
            AlertEvent alert = entry.getValue();
            BrandResponse now = alert.response();
            if (!now.hasStatement() && post.createdAt() >= alert.onset() && speaksOf(post, places(alert))) {
                AlertEvent corrected = alert.withResponse(now.withStatement(post.createdAt(), post.postId()));
                alerts.put(entry.getKey(), corrected);
                out.collect(corrected);
            }
        }
        for (Map.Entry<String, ZoneEvent> entry : entries(zones)) {
            ZoneEvent zone = entry.getValue();
            BrandResponse now = zone.response();
            if (post.createdAt() < zone.onset()) {
                continue;
            }
            if (!now.hasStatement() && speaksOf(post, zone.regions())) {
                now = now.withStatement(post.createdAt(), post.postId());
            }
            if (!now.hasRestoredClaim() && post.claimsRestored() && zone.isDown()) {
                now = now.withRestoredClaim(post.createdAt(), post.postId());
            }
            if (!now.equals(zone.response())) {
                ZoneEvent corrected = zone.withResponse(now);
                zones.put(entry.getKey(), corrected);
                ctx.output(ZONES, corrected);
            }
        }
    }

    private void answered(CareCase answered, Context ctx, Collector<AlertEvent> out) throws Exception {
        if (answered.alertId() == null || answered.firstResponseAt() < 0) {
            return;
        }
        BrandResponse known = affected.get(answered.alertId());
        BrandResponse now = (known == null ? BrandResponse.NONE : known)
                .withAffectedReply(answered.firstResponseAt(), answered.caseId());
        affected.put(answered.alertId(), now);
        forgetLater(answered.firstResponseAt(), ctx);
        AlertEvent alert = alerts.get(answered.alertId());
        if (alert != null && !alert.response().merge(now).equals(alert.response())) {
            AlertEvent corrected = alert.withResponse(alert.response().merge(now));
            alerts.put(alert.alertId(), corrected);
            out.collect(corrected);
        }
        String zoneId = zoneId(answered.alertId());
        ZoneEvent zone = zoneId == null ? null : zones.get(zoneId);
        if (zone != null && !zone.response().merge(now).equals(zone.response())) {
            ZoneEvent corrected = zone.withResponse(zone.response().merge(now));
            zones.put(zoneId, corrected);
            ctx.output(ZONES, corrected);
        }
    }

    private void zone(ZoneEvent zone, Context ctx) throws Exception {
        ZoneEvent before = zones.get(zone.zoneId());
        BrandResponse now = before == null ? BrandResponse.NONE : before.response();
        if (zone.response() != null) {
            now = now.merge(zone.response());
        }
        for (OfficialPost post : posts()) {
            if (post.createdAt() < zone.onset()) {
                continue;
            }
            if (!now.hasStatement() && speaksOf(post, zone.regions())) {
                now = now.withStatement(post.createdAt(), post.postId());
            }
            // unknown before this event, the zone was down from its onset until it, and is still when it says so
            if (before == null && post.claimsRestored() && !now.hasRestoredClaim()
                    && (post.createdAt() <= zone.eventTime() || zone.isDown())) {
                now = now.withRestoredClaim(post.createdAt(), post.postId());
            }
        }
        BrandResponse reply = affected.get(ZONE_ALERT_PREFIX + zone.zoneId());
        if (reply != null) {
            now = now.merge(reply);
        }
        ZoneEvent measured = zone.withResponse(now);
        zones.put(zone.zoneId(), measured);
        forgetLater(zone.eventTime(), ctx);
        ctx.output(ZONES, measured);
        if (before == null || zone.sequence() > before.sequence()) {
            ctx.output(ZONES_ONCE, measured);
        }
    }

    private void alert(AlertEvent alert, Context ctx, Collector<AlertEvent> out) throws Exception {
        AlertEvent before = alerts.get(alert.alertId());
        BrandResponse now = before == null ? BrandResponse.NONE : before.response();
        if (alert.response() != null) {
            now = now.merge(alert.response());
        }
        if (!now.hasStatement()) {
            List<String> places = places(alert);
            for (OfficialPost post : posts()) {
                if (post.createdAt() >= alert.onset() && speaksOf(post, places)) {
                    now = now.withStatement(post.createdAt(), post.postId());
                    break;
                }
            }
        }
        BrandResponse reply = affected.get(alert.alertId());
        if (reply != null) {
            now = now.merge(reply);
        }
        AlertEvent measured = alert.withResponse(now);
        alerts.put(alert.alertId(), measured);
        forgetLater(alert.eventTime(), ctx);
        out.collect(measured);
        if (before == null || alert.sequence() > before.sequence()) {
            ctx.output(ALERTS_ONCE, measured);
        }
    }

    /** Forgets the posts, alerts and zones older than {@code before}, and what answered cases told of forgotten alerts. */
    private void forget(long before) throws Exception {
        List<OfficialPost> posts = recent.value();
        if (posts != null) {
            int first = 0;
            while (first < posts.size() && posts.get(first).createdAt() < before) {
                first++;
            }
            if (first == posts.size()) {
                recent.clear();
            } else if (first > 0) {
                recent.update(new ArrayList<>(posts.subList(first, posts.size())));
            }
        }
        // removed by key, not through an iterator, so that a map left empty leaves no state behind
        for (Map.Entry<String, AlertEvent> entry : entries(alerts)) {
            if (entry.getValue().eventTime() < before) {
                alerts.remove(entry.getKey());
            }
        }
        for (Map.Entry<String, ZoneEvent> entry : entries(zones)) {
            if (entry.getValue().eventTime() < before) {
                zones.remove(entry.getKey());
            }
        }
        for (Map.Entry<String, BrandResponse> entry : entries(affected)) {
            if (entry.getValue().firstAffectedReplyAt() < before && !alerts.contains(entry.getKey())) {
                affected.remove(entry.getKey());
            }
        }
    }

    /** A timer for when what happened at {@code time} is forgotten (one a minute at most). */
    private void forgetLater(long time, Context ctx) {
        ctx.timerService().registerEventTimeTimer(ceilMinute(time + horizonMs + latenessMs) + MINUTE);
    }

    private List<OfficialPost> posts() throws Exception {
        List<OfficialPost> posts = recent.value();
        return posts == null ? List.of() : posts;
    }

    private static <V> List<Map.Entry<String, V>> entries(MapState<String, V> state) throws Exception {
        List<Map.Entry<String, V>> copy = new ArrayList<>();
        for (Map.Entry<String, V> entry : state.entries()) {
            copy.add(Map.entry(entry.getKey(), entry.getValue()));
        }
        copy.sort(Map.Entry.comparingByKey());
        return copy;
    }

    // The rules of what a statement is are the tracker's own: this one keeps the delayed timing only.
    static List<String> places(AlertEvent alert) {
        return StatementTracker.places(alert);
    }

    static boolean speaksOf(OfficialPost post, Collection<String> places) {
        return StatementTracker.speaksOf(post, places);
    }

    private static String zoneId(String alertId) {
        return alertId.startsWith(ZONE_ALERT_PREFIX) ? alertId.substring(ZONE_ALERT_PREFIX.length()) : null;
    }

    private static long ceilMinute(long time) {
        return Math.floorDiv(time + MINUTE - 1, MINUTE) * MINUTE;
    }
}
