package io.outcry.care;

import io.outcry.state.BufferedType;
import io.outcry.detect.AlertEvent;
import io.outcry.detect.Level;
import io.outcry.zone.ZoneAlerts;
import io.outcry.zone.ZoneEvent;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
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
 * How fast each brand spoke up about its alerts and outage zones, keyed by brand: the alert and
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
 * <p>An event goes out as soon as it comes, with what the brand had said so far: an on-call person
 * does not wait for the allowed lateness. What each event's document shows is defined in event
 * time: the inputs taken in event-time order (posts, then cases, zones, alerts at equal times), an
 * event shows what the brand had said by its time, and the latest event of an alert or zone also
 * what it said after. Whenever an input changes that (a statement, an affected reply or a claim
 * that came later, or a late post earlier than what was shown), the events whose documents change
 * go out again (corrections: the main output and {@link #ZONES}, for the indices that keep one
 * document per event id; after a correction of an earlier event the latest goes out again, so the
 * document per alert id ends on it). {@link #ALERTS_ONCE} and {@link #ZONES_ONCE} carry each event
 * once, at once, as the detector made it, without the brand's response: what had reached the
 * tracker by then depends on how far each partition had got, and what is sent once is never
 * corrected, so it would differ after a restart. So after the corrections the documents do not depend on the order the partitions
 * interleave in, within the allowed lateness, and a replay ends on the same documents.
 *
 * <p>A post can come before the alert it is about is detected, so the brand's recent posts are
 * kept: those of the last {@code horizon} (default 6 h), at most {@code maxPosts} (default 5,000)
 * per brand, the oldest going first. They are kept in a list per minute, so that a post changes
 * one minute's list: RocksDB reads and writes a value whole, and one list of them all, rewritten
 * at every post, was 40 % of the job's CPU on it. Once the watermark passes a time plus the allowed lateness,
 * what the brand had said by then is settled per alert and zone and the earlier events are let go;
 * an alert or zone is kept {@code horizon} after its latest event. Alert ids and sequences are the
 * detectors'.
 */
public class StatementTracker extends KeyedProcessFunction<String, StatementInput, AlertEvent> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<AlertEvent> ALERTS_ONCE = new OutputTag<>("alerts-once", TypeInformation.of(AlertEvent.class));
    public static final OutputTag<ZoneEvent> ZONES = new OutputTag<>("zones-measured", TypeInformation.of(ZoneEvent.class));
    public static final OutputTag<ZoneEvent> ZONES_ONCE = new OutputTag<>("zones-once", TypeInformation.of(ZoneEvent.class));

    public static final Duration DEFAULT_HORIZON = Duration.ofHours(6);
    public static final int DEFAULT_MAX_POSTS = 5_000;
    /** Folded texts kept: the recent posts of a few brands, so that a measurement's pass over one brand's hits. */
    private static final int MAX_FOLDED = 20_000;
    private static final long MINUTE = 60_000;
    /** A zone's alert id is its zone id after this ({@link ZoneAlerts}). */
    private static final String ZONE_ALERT_PREFIX = "zone|";
    private static final Comparator<OfficialPost> POST_ORDER =
            Comparator.comparingLong(OfficialPost::createdAt).thenComparing(OfficialPost::postId);
    private static final Comparator<AlertEvent> ALERT_ORDER =
            Comparator.comparingLong(AlertEvent::eventTime).thenComparingInt(AlertEvent::sequence);
    private static final Comparator<ZoneEvent> ZONE_ORDER =
            Comparator.comparingLong(ZoneEvent::eventTime).thenComparingInt(ZoneEvent::sequence);

    private final long latenessMs;
    private final long horizonMs;
    private final int maxPosts;

    /** The brand's recent posts, a list per minute of their time, each in {@link #POST_ORDER}. */
    private transient MapState<Long, List<OfficialPost>> recentByMinute;
    /** How many posts {@link #recentByMinute} holds, and its earliest minute: for the cap, without reading every minute. */
    private transient ValueState<Integer> recentCount;
    private transient ValueState<Long> earliestMinute;
    /**
     * The one list of them all that a checkpoint of a version before the lists per minute holds:
     * moved into them at the brand's first input or timer.
     */
    private transient ValueState<List<OfficialPost>> formerRecent;
    private transient MapState<String, AlertTrack> alerts;
    private transient MapState<String, ZoneTrack> zones;
    private transient MapState<String, BrandResponse> affected;
    /**
     * Texts and place names as {@link #words}: each measurement reads every recent post of the
     * brand again, against every place of every open alert. Not state: a restored instance folds again.
     */
    private transient Map<String, String> foldedTexts;

    public StatementTracker(Duration lateness) {
        this(lateness, DEFAULT_HORIZON, DEFAULT_MAX_POSTS);
    }

    public StatementTracker(Duration lateness, Duration horizon, int maxPosts) {
        this.latenessMs = lateness.toMillis();
        this.horizonMs = horizon.toMillis();
        this.maxPosts = maxPosts;
    }

    @Override
    public void open(OpenContext openContext) {
        TypeInformation<List<OfficialPost>> posts = BufferedType.of(Types.LIST(TypeInformation.of(OfficialPost.class)));
        recentByMinute = getRuntimeContext().getMapState(new MapStateDescriptor<>("recent-posts-by-minute", Types.LONG, posts));
        recentCount = getRuntimeContext().getState(new ValueStateDescriptor<>("recent-post-count", Types.INT));
        earliestMinute = getRuntimeContext().getState(new ValueStateDescriptor<>("recent-earliest-minute", Types.LONG));
        formerRecent = getRuntimeContext().getState(new ValueStateDescriptor<>("recent-posts", posts));
        alerts = getRuntimeContext().getMapState(new MapStateDescriptor<>("alert-tracks", Types.STRING,
                BufferedType.of(AlertTrack.class)));
        zones = getRuntimeContext().getMapState(new MapStateDescriptor<>("zone-tracks", Types.STRING,
                BufferedType.of(ZoneTrack.class)));
        affected = getRuntimeContext().getMapState(new MapStateDescriptor<>("affected", Types.STRING,
                BufferedType.of(BrandResponse.class)));
        foldedTexts = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > MAX_FOLDED;
            }
        };
    }

    @Override
    public void processElement(StatementInput input, Context ctx, Collector<AlertEvent> out) throws Exception {
        moveFormerRecent();
        switch (input.kind()) {
            case StatementInput.POST -> post(input.post(), ctx, out);
            case StatementInput.CASE -> answered(input.answered(), ctx, out);
            case StatementInput.ZONE -> zone(input.zone(), ctx);
            default -> alert(input.alert(), ctx, out);
        }
        long settle = ceilMinute(input.time() + latenessMs);
        if (settle > ctx.timerService().currentWatermark()) {
            ctx.timerService().registerEventTimeTimer(settle);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertEvent> out) throws Exception {
        if (timestamp == Long.MAX_VALUE) {
            return;
        }
        moveFormerRecent();
        settle(timestamp - latenessMs);
        forget(timestamp - latenessMs - horizonMs);
    }

    private void post(OfficialPost post, Context ctx, Collector<AlertEvent> out) throws Exception {
        if (post.retweet() && !post.claimsRestored()) {
            return;
        }
        if (!fileRecent(post)) {
            return; // the same post again
        }
        long minute = Math.floorDiv(post.createdAt(), MINUTE);
        Long earliest = earliestMinute.value();
        if (earliest == null || minute < earliest) {
            earliestMinute.update(minute);
        }
        Integer filed = recentCount.value();
        int count = (filed == null ? 0 : filed) + 1;
        recentCount.update(count);
        if (count > maxPosts) {
            dropEarliest();
        }
        forgetLater(post.createdAt(), ctx);
        String words = folded(post.text());
        for (Map.Entry<String, AlertTrack> entry : entries(alerts)) {
            if (entry.getValue().events().stream().anyMatch(alert -> concerns(post, words, seen(alert)))) {
                measure(entry.getKey(), entry.getValue(), -1, out);
            }
        }
        for (Map.Entry<String, ZoneTrack> entry : entries(zones)) {
            if (entry.getValue().events().stream().anyMatch(zone -> concerns(post, words, seen(zone)))) {
                measure(entry.getKey(), entry.getValue(), -1, ctx);
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
        if (now.equals(known)) {
            return;
        }
        affected.put(answered.alertId(), now);
        forgetLater(answered.firstResponseAt(), ctx);
        AlertTrack alert = alerts.get(answered.alertId());
        if (alert != null) {
            measure(answered.alertId(), alert, -1, out);
        }
        String zoneId = zoneId(answered.alertId());
        ZoneTrack zone = zoneId == null ? null : zones.get(zoneId);
        if (zone != null) {
            measure(zoneId, zone, -1, ctx);
        }
    }

    private void alert(AlertEvent alert, Context ctx, Collector<AlertEvent> out) throws Exception {
        AlertTrack track = alerts.get(alert.alertId());
        List<AlertEvent> events = track == null ? new ArrayList<>() : new ArrayList<>(track.events());
        List<BrandResponse> shown = track == null ? new ArrayList<>() : new ArrayList<>(track.shown());
        boolean first = events.stream().allMatch(known -> alert.sequence() > known.sequence());
        int at = place(events, shown, alert, ALERT_ORDER, AlertEvent::sequence, track != null && track.settled() != null);
        forgetLater(alert.eventTime(), ctx);
        List<AlertEvent> measured = measure(alert.alertId(),
                new AlertTrack(events, shown, track == null ? -1 : track.settledAt(), track == null ? null : track.settled()), at, out);
        if (first) {
            // As detected: what the brand had said by now depends on how far each partition has got,
            // so a topic or a chat message that is never corrected must not show it (a restart would differ).
            ctx.output(ALERTS_ONCE, alert);
        }
    }

    private void zone(ZoneEvent zone, Context ctx) throws Exception {
        ZoneTrack track = zones.get(zone.zoneId());
        List<ZoneEvent> events = track == null ? new ArrayList<>() : new ArrayList<>(track.events());
        List<BrandResponse> shown = track == null ? new ArrayList<>() : new ArrayList<>(track.shown());
        boolean first = events.stream().allMatch(known -> zone.sequence() > known.sequence());
        int at = place(events, shown, zone, ZONE_ORDER, ZoneEvent::sequence, track != null && track.settled() != null);
        forgetLater(zone.eventTime(), ctx);
        List<ZoneEvent> measured = measure(zone.zoneId(),
                new ZoneTrack(events, shown, track == null ? -1 : track.settledAt(), track == null ? null : track.settled()), at, ctx);
        if (first) {
            ctx.output(ZONES_ONCE, zone);
        }
    }

    /**
     * Puts {@code event} among {@code events} in event-time order, in place of an earlier version of
     * its sequence, with a null response shown (it has not gone out): its index. When the first is
     * the event current at the settled time, a late one goes no earlier than after it.
     */
    private static <E> int place(List<E> events, List<BrandResponse> shown, E event, Comparator<E> order,
            ToIntFunction<E> sequence, boolean settled) {
        int replaced = -1;
        for (int i = 0; i < events.size() && replaced < 0; i++) {
            if (sequence.applyAsInt(events.get(i)) == sequence.applyAsInt(event)) {
                events.remove(i);
                shown.remove(i);
                replaced = i;
            }
        }
        int at = settled && replaced != 0 ? 1 : 0;
        if (!(settled && replaced == 0)) {
            while (at < events.size() && order.compare(events.get(at), event) <= 0) {
                at++;
            }
        }
        events.add(at, event);
        shown.add(at, null);
        return at;
    }

    /**
     * Measures the alert's events again, sends those whose response changed (and {@code fresh},
     * which has not gone out), keeps the track: the events as measured.
     */
    private List<AlertEvent> measure(String alertId, AlertTrack track, int fresh, Collector<AlertEvent> out) throws Exception {
        List<Seen> seen = track.events().stream().map(StatementTracker::seen).toList();
        Fold fold = fold(seen, track.settled(), track.settledAt(), posts(), affected.get(alertId));
        List<AlertEvent> measured = new ArrayList<>();
        for (int i = 0; i < seen.size(); i++) {
            measured.add(track.events().get(i).withResponse(fold.responses().get(i)));
        }
        for (int i : changed(track.shown(), fold.responses(), fresh)) {
            out.collect(measured.get(i));
        }
        alerts.put(alertId, new AlertTrack(track.events(), fold.responses(), track.settledAt(), track.settled()));
        return measured;
    }

    private List<ZoneEvent> measure(String zoneId, ZoneTrack track, int fresh, Context ctx) throws Exception {
        List<Seen> seen = track.events().stream().map(StatementTracker::seen).toList();
        Fold fold = fold(seen, track.settled(), track.settledAt(), posts(), affected.get(ZONE_ALERT_PREFIX + zoneId));
        List<ZoneEvent> measured = new ArrayList<>();
        for (int i = 0; i < seen.size(); i++) {
            measured.add(track.events().get(i).withResponse(fold.responses().get(i)));
        }
        for (int i : changed(track.shown(), fold.responses(), fresh)) {
            ctx.output(ZONES, measured.get(i));
        }
        zones.put(zoneId, new ZoneTrack(track.events(), fold.responses(), track.settledAt(), track.settled()));
        return measured;
    }

    /**
     * Which events go out: those whose response differs from the one shown, and then the latest
     * again if an earlier one went out, so that the document per id ends on the latest event.
     */
    private static List<Integer> changed(List<BrandResponse> shown, List<BrandResponse> now, int fresh) {
        List<Integer> changed = new ArrayList<>();
        for (int i = 0; i < now.size(); i++) {
            if (i == fresh || !now.get(i).equals(shown.get(i))) {
                changed.add(i);
            }
        }
        int latest = now.size() - 1;
        if (!changed.isEmpty() && changed.get(changed.size() - 1) != latest) {
            changed.add(latest);
        }
        return changed;
    }

    /**
     * Settles what every alert and zone had by {@code time} (every input up to it has come): the
     * events before the one current then are let go, their documents final.
     */
    private void settle(long time) throws Exception {
        List<OfficialPost> posts = posts();
        List<OfficialPost> until = posts.subList(0, firstAfter(posts, time));
        for (Map.Entry<String, AlertTrack> entry : entries(alerts)) {
            AlertTrack track = entry.getValue();
            int current = lastAtOrBefore(track.events(), AlertEvent::eventTime, time);
            if (current < 0 || time <= track.settledAt()) {
                continue;
            }
            List<Seen> seen = track.events().subList(0, current + 1).stream().map(StatementTracker::seen).toList();
            BrandResponse settled = fold(seen, track.settled(), track.settledAt(), until,
                    upTo(affected.get(entry.getKey()), time)).end();
            int size = track.events().size();
            alerts.put(entry.getKey(), new AlertTrack(new ArrayList<>(track.events().subList(current, size)),
                    new ArrayList<>(track.shown().subList(current, size)), time, settled));
        }
        for (Map.Entry<String, ZoneTrack> entry : entries(zones)) {
            ZoneTrack track = entry.getValue();
            int current = lastAtOrBefore(track.events(), ZoneEvent::eventTime, time);
            if (current < 0 || time <= track.settledAt()) {
                continue;
            }
            List<Seen> seen = track.events().subList(0, current + 1).stream().map(StatementTracker::seen).toList();
            BrandResponse settled = fold(seen, track.settled(), track.settledAt(), until,
                    upTo(affected.get(ZONE_ALERT_PREFIX + entry.getKey()), time)).end();
            int size = track.events().size();
            zones.put(entry.getKey(), new ZoneTrack(new ArrayList<>(track.events().subList(current, size)),
                    new ArrayList<>(track.shown().subList(current, size)), time, settled));
        }
    }

    /** An alert's or a zone's event as the measurement sees it. */
    private record Seen(long eventTime, long onset, List<String> places, boolean claims, boolean down, BrandResponse response) {}

    private static Seen seen(AlertEvent alert) {
        return new Seen(alert.eventTime(), alert.onset(), places(alert), false, false, alert.response());
    }

    private static Seen seen(ZoneEvent zone) {
        return new Seen(zone.eventTime(), zone.onset(), zone.regions() == null ? List.of() : zone.regions(), true,
                zone.isDown(), zone.response());
    }

    /** The responses of each event, and what the brand had said after all of them. */
    private record Fold(List<BrandResponse> responses, BrandResponse end) {}

    /**
     * What each event shows when the inputs are taken in event-time order (posts and cases before
     * an event at its time): by its time, or for the latest, by the end. A post counts for the event
     * current when it came, against that event's onset and places; an event that finds no statement
     * yet looks for one among the posts before it. With {@code start}, {@code events.get(0)} is the
     * event current at {@code from} and {@code start} what the brand had said by then.
     */
    private Fold fold(List<Seen> events, BrandResponse start, long from, List<OfficialPost> posts, BrandResponse reply) {
        boolean settled = start != null;
        BrandResponse now = settled ? start : BrandResponse.NONE;
        int next = settled ? firstAfter(posts, from) : 0;
        List<BrandResponse> responses = new ArrayList<>();
        for (int j = settled ? 1 : 0; ; j++) {
            boolean end = j == events.size();
            long until = end ? Long.MAX_VALUE : events.get(j).eventTime();
            Seen current = j == 0 ? null : events.get(j - 1);
            for (; next < posts.size() && posts.get(next).createdAt() <= until; next++) {
                OfficialPost post = posts.get(next);
                if (current != null && post.createdAt() >= current.onset()) {
                    if (!now.hasStatement() && speaksOf(post, current.places())) {
                        now = now.withStatement(post.createdAt(), post.postId());
                    }
                    if (current.claims() && current.down() && !now.hasRestoredClaim() && post.claimsRestored()) {
                        now = now.withRestoredClaim(post.createdAt(), post.postId());
                    }
                }
            }
            if (reply != null && reply.firstAffectedReplyAt() <= until) {
                now = now.merge(reply);
            }
            if (j > 0) {
                responses.add(now);
            }
            if (end) {
                return new Fold(responses, now);
            }
            Seen event = events.get(j);
            if (event.response() != null) {
                now = now.merge(event.response());
            }
            for (int i = firstAtOrAfter(posts, event.onset()); i < next; i++) {
                OfficialPost post = posts.get(i);
                if (!now.hasStatement() && speaksOf(post, event.places())) {
                    now = now.withStatement(post.createdAt(), post.postId());
                }
                // the first event of a zone: it was down from its onset until then
                if (j == 0 && event.claims() && !now.hasRestoredClaim() && post.claimsRestored()) {
                    now = now.withRestoredClaim(post.createdAt(), post.postId());
                }
            }
        }
    }

    /** Whether the post can change what the event shows: a statement or a claim about it, at or after its onset. */
    private boolean concerns(OfficialPost post, String words, Seen event) {
        return post.createdAt() >= event.onset()
                && (speaksOf(post, words, event.places(), this::folded) || event.claims() && post.claimsRestored());
    }

    /** Forgets the posts, alerts and zones older than {@code before}, and what answered cases told of forgotten alerts. */
    private void forget(long before) throws Exception {
        long firstKept = Math.floorDiv(before, MINUTE);
        for (long minute : minutes()) {
            if (minute < firstKept) {
                recentByMinute.remove(minute);
            } else if (minute == firstKept) {
                List<OfficialPost> posts = recentByMinute.get(minute);
                int first = firstAtOrAfter(posts, before);
                if (first == posts.size()) {
                    recentByMinute.remove(minute);
                } else if (first > 0) {
                    recentByMinute.put(minute, new ArrayList<>(posts.subList(first, posts.size())));
                }
            }
        }
        countRecent();
        // removed by key, not through an iterator, so that a map left empty leaves no state behind
        for (Map.Entry<String, AlertTrack> entry : entries(alerts)) {
            List<AlertEvent> events = entry.getValue().events();
            if (events.get(events.size() - 1).eventTime() < before) {
                alerts.remove(entry.getKey());
            }
        }
        for (Map.Entry<String, ZoneTrack> entry : entries(zones)) {
            List<ZoneEvent> events = entry.getValue().events();
            if (events.get(events.size() - 1).eventTime() < before) {
                zones.remove(entry.getKey());
            }
        }
        for (Map.Entry<String, BrandResponse> entry : entries(affected)) {
            String zoneId = zoneId(entry.getKey());
            boolean tracked = alerts.contains(entry.getKey()) || zoneId != null && zones.contains(zoneId);
            if (entry.getValue().firstAffectedReplyAt() < before && !tracked) {
                affected.remove(entry.getKey());
            }
        }
    }

    /** A timer for when what happened at {@code time} is forgotten (one a minute at most). */
    private void forgetLater(long time, Context ctx) {
        ctx.timerService().registerEventTimeTimer(ceilMinute(time + horizonMs + latenessMs) + MINUTE);
    }

    /** The brand's recent posts, in {@link #POST_ORDER}. */
    private List<OfficialPost> posts() throws Exception {
        Integer count = recentCount.value();
        if (count == null) {
            return List.of();
        }
        List<OfficialPost> posts = new ArrayList<>(count);
        for (long minute : minutes()) {
            posts.addAll(recentByMinute.get(minute));
        }
        return posts;
    }

    /** The minutes with recent posts, earliest first. */
    private List<Long> minutes() throws Exception {
        List<Long> minutes = new ArrayList<>();
        recentByMinute.keys().forEach(minutes::add);
        Collections.sort(minutes);
        return minutes;
    }

    /** Lets the earliest recent post go, past {@code maxPosts}. */
    private void dropEarliest() throws Exception {
        long minute = earliestMinute.value();
        List<OfficialPost> posts = recentByMinute.get(minute);
        posts.remove(0);
        if (posts.isEmpty()) {
            recentByMinute.remove(minute);
            countRecent();
        } else {
            recentByMinute.put(minute, posts);
            recentCount.update(recentCount.value() - 1);
        }
    }

    /** Counts the recent posts and finds their earliest minute again, after minutes were let go. */
    private void countRecent() throws Exception {
        int count = 0;
        Long earliest = null;
        for (Map.Entry<Long, List<OfficialPost>> minute : recentByMinute.entries()) {
            count += minute.getValue().size();
            earliest = earliest == null ? minute.getKey() : Math.min(earliest, minute.getKey());
        }
        if (earliest == null) {
            recentCount.clear();
            earliestMinute.clear();
        } else {
            recentCount.update(count);
            earliestMinute.update(earliest);
        }
    }

    /** Files the one list a checkpoint of an earlier version holds into lists per minute. */
    private void moveFormerRecent() throws Exception {
        List<OfficialPost> former = formerRecent.value();
        if (former == null) {
            return;
        }
        formerRecent.clear();
        for (OfficialPost post : former) {
            fileRecent(post);
        }
        countRecent();
    }

    /** Files the post in its minute's list, in {@link #POST_ORDER}; false when it is there already. */
    private boolean fileRecent(OfficialPost post) throws Exception {
        long minute = Math.floorDiv(post.createdAt(), MINUTE);
        // changed in place: the heap backend hands out a copy of its own while a checkpoint is
        // written, RocksDB a new list at every read
        List<OfficialPost> known = recentByMinute.get(minute);
        List<OfficialPost> posts = known == null ? new ArrayList<>() : known;
        int at = -Collections.binarySearch(posts, post, POST_ORDER) - 1;
        if (at < 0) {
            return false;
        }
        posts.add(at, post);
        recentByMinute.put(minute, posts);
        return true;
    }

    /** {@link #speaksOf(OfficialPost, Collection)}, the post's text folded only when a place is to be found in it. */
    private boolean speaksOf(OfficialPost post, List<String> places) {
        if (post.retweet() || post.isBroadcast() || places.isEmpty()) {
            return !post.retweet() && post.isBroadcast();
        }
        return speaksOf(post, folded(post.text()), places, this::folded);
    }

    private String folded(String text) {
        return text == null ? words(null) : foldedTexts.computeIfAbsent(text, StatementTracker::words);
    }

    /** The affected reply if it came by {@code time}. */
    private static BrandResponse upTo(BrandResponse reply, long time) {
        return reply != null && reply.firstAffectedReplyAt() <= time ? reply : null;
    }

    /** Index of the first post at or after {@code time}. */
    private static int firstAtOrAfter(List<OfficialPost> posts, long time) {
        int low = 0;
        int high = posts.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (posts.get(mid).createdAt() < time) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Index of the first post after {@code time}. */
    private static int firstAfter(List<OfficialPost> posts, long time) {
        return time == Long.MAX_VALUE ? posts.size() : firstAtOrAfter(posts, time + 1);
    }

    private static <E> int lastAtOrBefore(List<E> events, ToLongFunction<E> time, long until) {
        int last = -1;
        for (int i = 0; i < events.size() && time.applyAsLong(events.get(i)) <= until; i++) {
            last = i;
        }
        return last;
    }

    private static <V> List<Map.Entry<String, V>> entries(MapState<String, V> state) throws Exception {
        List<Map.Entry<String, V>> copy = new ArrayList<>();
        for (Map.Entry<String, V> entry : state.entries()) {
            copy.add(Map.entry(entry.getKey(), entry.getValue()));
        }
        copy.sort(Map.Entry.comparingByKey());
        return copy;
    }

    /** The places whose names make a reply about it: a spike alert's region, a zone alert's regions. */
    static List<String> places(AlertEvent alert) {
        if (ZoneAlerts.LEVEL.equals(alert.level())) {
            return alert.explanation() == null ? List.of() : List.copyOf(alert.explanation().regions().keySet());
        }
        return Level.ALL.equals(alert.regionName()) ? List.of() : List.of(alert.regionName());
    }

    /** Whether the post is a public statement about an incident in {@code places}. */
    static boolean speaksOf(OfficialPost post, Collection<String> places) {
        return speaksOf(post, words(post.text()), places, StatementTracker::words);
    }

    private static boolean speaksOf(OfficialPost post, String words, Collection<String> places, UnaryOperator<String> fold) {
        if (post.retweet()) {
            return false;
        }
        if (post.isBroadcast()) {
            return true;
        }
        if (places.isEmpty()) {
            return false;
        }
        for (String place : places) {
            String name = fold.apply(place);
            if (!name.isBlank() && words.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Lower case, without accents, letters only, one space between words and around them: " valle d aosta ".
     * It runs for each official post against each open alert's places, so it is a pass over the
     * chars, not two regular expressions compiled per call, with the same result
     * ({@code StatementWordsTest}).
     */
    static String words(String text) {
        if (text == null) {
            return " ";
        }
        StringBuilder unmarked = new StringBuilder(text.length());
        String decomposed = isAscii(text) ? text : Normalizer.normalize(text, Normalizer.Form.NFD);
        for (int i = 0; i < decomposed.length(); ) {
            int c = decomposed.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK && type != Character.COMBINING_SPACING_MARK) {
                unmarked.appendCodePoint(c);
            }
        }
        // lower case the whole text, not char by char: String.toLowerCase has rules that read a char's neighbours
        String lower = unmarked.toString().toLowerCase(Locale.ROOT);
        StringBuilder words = new StringBuilder(lower.length() + 2).append(' ');
        boolean apart = false;
        for (int i = 0; i < lower.length(); ) {
            int c = lower.codePointAt(i);
            i += Character.charCount(c);
            if (!Character.isLetter(c)) {
                apart = true;
                continue;
            }
            if (apart && words.length() > 1) {
                words.append(' ');
            }
            apart = false;
            words.appendCodePoint(c);
        }
        return words.append(' ').toString();
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String zoneId(String alertId) {
        return alertId.startsWith(ZONE_ALERT_PREFIX) ? alertId.substring(ZONE_ALERT_PREFIX.length()) : null;
    }

    private static long ceilMinute(long time) {
        return Math.floorDiv(time + MINUTE - 1, MINUTE) * MINUTE;
    }
}
