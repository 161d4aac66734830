package io.outcry.care;

import io.outcry.detect.AlertEvent;
import java.time.Duration;
import java.util.ArrayList;
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
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The conversations between one brand and its customers, keyed by brand. A customer post that
 * asks or complains opens a case (its id is the case id) unless it replies into the thread of a
 * case already open, which it then joins; a brand reply whose reply-to leads into a case's
 * thread (the opening post or any later post of it, the brand's own replies included) answers
 * it. The SLA deadline is an event-time timer that marks a case still unanswered; a TTL timer
 * forgets the case and its post ids. A deletion of a post takes it out of its case, and of its
 * opening post withdraws the case.
 *
 * <p>The second input is the job's alerts: a case opened while an alert of its brand covering
 * its region and topic is open is an incident case carrying that alert's id. An alert counts
 * from its event time (when it was detected), as a reader of the alerts board learns of it.
 *
 * <p>Customer posts, replies and alerts come by different paths, and late posts come after
 * later ones, so each input is held until the watermark passes its time plus the lateness, and
 * they are handled in event-time order (at equal times: alerts, customer posts, replies, each
 * by id); deadlines and TTLs wait the lateness too. A replay or a restart then yields the same
 * events whatever the interleaving: the late posts care takes in ({@code TimedPost#inTimeForCare})
 * and the alerts, which come when their windows fire, arrive before their turn. What comes
 * after its turn anyway is handled at the next watermark. Every event is emitted at its time
 * plus the lateness (its record's timestamp), which the care windows take into account. At the
 * end of a bounded input the time after its last post is unknown, not passed: deadlines and TTLs
 * later than the brand's last post are left alone.
 */
public class CaseTracker extends KeyedCoProcessFunction<String, CareInput, AlertEvent, CareCase> {

    private static final long serialVersionUID = 1L;

    /** Brand replies whose reply-to leads to no case the tracker knows: counted, never guessed at. */
    public static final OutputTag<BrandReply> UNMATCHED_REPLIES =
            new OutputTag<>("care-unmatched-replies", TypeInformation.of(BrandReply.class));

    /**
     * Thread posts a case keeps to join later posts by: the opening post and the latest others.
     * A thread that runs to thousands of posts keeps joining, as a reply answers a recent post,
     * and costs the same per post; posts past the cap still count in the case.
     */
    static final int THREAD_IDS = 200;

    private final CareSettings settings;
    private final long latenessMs;

    private transient MapState<Long, List<CareInput>> pending;
    private transient MapState<Long, List<AlertEvent>> pendingAlerts;
    private transient MapState<String, CaseState> cases;
    /** A thread's later posts to their case; the opening post is its case's id (see {@link #caseOf}). */
    private transient MapState<String, String> caseOfPost;
    private transient MapState<Long, List<String>> slaDue;
    private transient MapState<Long, List<String>> expiryDue;
    private transient MapState<String, AlertEvent> openAlerts;
    private transient ValueState<Long> latestInput;
    private transient ValueState<Long> ttlInForce;
    private transient Counter unmatchedReplies;

    /** @param lateness how long to wait for late posts and alerts: the job's allowed lateness */
    public CaseTracker(CareSettings settings, Duration lateness) {
        this.settings = settings;
        this.latenessMs = lateness.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        TypeInformation<List<String>> ids = Types.LIST(Types.STRING);
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG,
                Types.LIST(TypeInformation.of(CareInput.class))));
        pendingAlerts = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending-alerts", Types.LONG,
                Types.LIST(TypeInformation.of(AlertEvent.class))));
        cases = getRuntimeContext().getMapState(new MapStateDescriptor<>("cases", StringSerializer.INSTANCE, CaseStateSerializer.INSTANCE));
        caseOfPost = getRuntimeContext().getMapState(new MapStateDescriptor<>("case-of-post", Types.STRING, Types.STRING));
        slaDue = getRuntimeContext().getMapState(new MapStateDescriptor<>("sla-due", Types.LONG, ids));
        expiryDue = getRuntimeContext().getMapState(new MapStateDescriptor<>("expiry-due", Types.LONG, ids));
        openAlerts = getRuntimeContext().getMapState(new MapStateDescriptor<>("open-alerts", Types.STRING,
                TypeInformation.of(AlertEvent.class)));
        latestInput = getRuntimeContext().getState(new ValueStateDescriptor<>("latest-input", Types.LONG));
        ttlInForce = getRuntimeContext().getState(new ValueStateDescriptor<>("ttl-in-force", Types.LONG));
        unmatchedReplies = getRuntimeContext().getMetricGroup().counter("careRepliesToUnknownPosts");
    }

    @Override
    public void processElement1(CareInput input, Context ctx, Collector<CareCase> out) throws Exception {
        followTheTtlInForce(ctx);
        long at = input.createdAt();
        Long latest = latestInput.value();
        // a deletion says nothing of how far the brand's posts got: at the end of a bounded input
        // it must not let deadlines pass that the posts alone would leave alone
        if (input.deleted() == null && (latest == null || at > latest)) {
            latestInput.update(at);
        }
        if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            handle(input, ctx, out);
            return;
        }
        hold(pending, turn(at, ctx), input, ctx);
    }

    @Override
    public void processElement2(AlertEvent alert, Context ctx, Collector<CareCase> out) throws Exception {
        if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            apply(alert);
            return;
        }
        hold(pendingAlerts, turn(alert.eventTime(), ctx), alert, ctx);
    }

    /** When an input of time {@code at} is handled: after the lateness, and never before the next watermark. */
    private long turn(long at, Context ctx) {
        return Math.max(at + latenessMs, ctx.timerService().currentWatermark() + 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CareCase> out) throws Exception {
        List<AlertEvent> alerts = pendingAlerts.get(timestamp);
        if (alerts != null) {
            pendingAlerts.remove(timestamp);
            alerts.sort(Comparator.comparingLong(AlertEvent::eventTime).thenComparing(AlertEvent::alertId)
                    .thenComparingInt(AlertEvent::sequence));
            for (AlertEvent alert : alerts) {
                apply(alert);
            }
        }
        List<CareInput> inputs = pending.get(timestamp);
        if (inputs != null) {
            pending.remove(timestamp);
            inputs.sort(Comparator.comparingLong(CareInput::createdAt).thenComparingInt(CareInput::order)
                    .thenComparing(CareInput::postId));
            for (CareInput input : inputs) {
                handle(input, ctx, out);
            }
        }
        long at = timestamp - latenessMs;
        Long latest = latestInput.value();
        boolean known = ctx.timerService().currentWatermark() != Long.MAX_VALUE || latest != null && at <= latest;
        List<String> due = slaDue.get(timestamp);
        if (due != null && known) {
            slaDue.remove(timestamp);
            for (String caseId : due) {
                breach(caseId, at, out);
            }
        }
        List<String> expiring = expiryDue.get(timestamp);
        if (expiring != null && known) {
            expiryDue.remove(timestamp);
            for (String caseId : expiring) {
                expire(caseId, at, ctx, out);
            }
        }
    }

    /**
     * After a restore with another {@code --care-ttl}, files every case of the brand for expiry
     * by the TTL now in force, so a shorter one forgets the cases on time and a longer one keeps
     * them; the timers set by the old TTL find nothing filed when they fire.
     */
    private void followTheTtlInForce(Context ctx) throws Exception {
        long ttl = settings.ttl().toMillis();
        Long inForce = ttlInForce.value();
        if (inForce != null && inForce != ttl) {
            expiryDue.clear();
            for (Map.Entry<String, CaseState> entry : cases.entries()) {
                hold(expiryDue, turn(entry.getValue().current().openedAt() + ttl, ctx), entry.getKey(), ctx);
            }
        }
        if (inForce == null || inForce != ttl) {
            ttlInForce.update(ttl);
        }
    }

    private void apply(AlertEvent alert) throws Exception {
        if (AlertEvent.OPEN.equals(alert.status())) {
            openAlerts.put(alert.alertId(), alert);
        } else {
            openAlerts.remove(alert.alertId());
        }
    }

    private void handle(CareInput input, Context ctx, Collector<CareCase> out) throws Exception {
        if (input.customer() != null) {
            handleCustomer(input.customer(), ctx, out);
        } else if (input.reply() != null) {
            handleReply(input.reply(), ctx, out);
        } else {
            handleDeletion(input.deleted(), out);
        }
    }

    /**
     * A deleted opening post withdraws its case: one last event without the customer, and the
     * case and its thread are forgotten. A deleted later post leaves its thread; what it already
     * changed (an answer and its response time) stands.
     */
    private void handleDeletion(DeletedPost deletion, Collector<CareCase> out) throws Exception {
        String caseId = caseOf(deletion.postId());
        CaseState state = caseId == null ? null : cases.get(caseId);
        caseOfPost.remove(deletion.postId());
        if (state == null) {
            return;
        }
        CareCase c = state.current();
        if (!caseId.equals(deletion.postId())) {
            List<String> rest = new ArrayList<>(state.postIds());
            rest.remove(deletion.postId());
            cases.put(caseId, new CaseState(with(c, c.replies(), c.posts() - 1), rest));
            return;
        }
        cases.remove(caseId);
        for (String postId : state.postIds()) {
            caseOfPost.remove(postId);
        }
        out.collect(new CareCase(c.brand(), c.caseId(), CareCase.DELETED, c.sequence() + 1, deletion.at(), null, c.openedAt(),
                c.topic(), c.region(), c.lang(), c.intent(), c.firstResponseAt(), c.responseSeconds(), c.slaDeadline(),
                CareCase.STATUS_DELETED, c.answeredAfterSla(), c.replies(), c.posts() - 1, c.canned(), c.incident(), c.alertId()));
    }

    private void handleCustomer(CustomerPost post, Context ctx, Collector<CareCase> out) throws Exception {
        String joined = post.replyToId() == null ? null : caseOf(post.replyToId());
        if (joined != null) {
            CaseState state = cases.get(joined);
            if (state != null && caseOf(post.postId()) == null) {
                cases.put(joined, new CaseState(with(state.current(), state.current().replies(), state.current().posts() + 1),
                        join(joined, state.postIds(), post.postId())));
            }
            return;
        }
        if (!(post.asks() || settings.openOnAnyPost()) || caseOf(post.postId()) != null) {
            return;
        }
        long deadline = settings.deadline(post.brand(), post.createdAt());
        AlertEvent alert = coveringAlert(post);
        CareCase opened = new CareCase(post.brand(), post.postId(), CareCase.OPENED, 0, post.createdAt(), post.customer(),
                post.createdAt(), post.topic(), post.region(), post.lang(), post.intent(), -1, -1, deadline, CareCase.OPEN,
                false, 0, 1, false, alert != null, alert == null ? null : alert.alertId());
        cases.put(post.postId(), new CaseState(opened, List.of(post.postId())));
        hold(slaDue, deadline + latenessMs, post.postId(), ctx);
        hold(expiryDue, post.createdAt() + settings.ttl().toMillis() + latenessMs, post.postId(), ctx);
        out.collect(opened);
    }

    private void handleReply(BrandReply reply, Context ctx, Collector<CareCase> out) throws Exception {
        String caseId = reply.replyToId() == null ? null : caseOf(reply.replyToId());
        CaseState state = caseId == null ? null : cases.get(caseId);
        if (state == null) {
            unmatchedReplies.inc();
            ctx.output(UNMATCHED_REPLIES, reply);
            return;
        }
        if (caseOf(reply.postId()) != null) {
            return;
        }
        CareCase c = state.current();
        CareCase next;
        if (c.isAnswered()) {
            next = event(c, CareCase.REPLIED, reply.createdAt(), c.status(), c.firstResponseAt(), c.responseSeconds(),
                    c.answeredAfterSla(), c.replies() + 1, c.posts() + 1, c.canned());
        } else {
            next = event(c, CareCase.ANSWERED, reply.createdAt(), CareCase.STATUS_ANSWERED, reply.createdAt(),
                    (reply.createdAt() - c.openedAt()) / 1000, reply.createdAt() > c.slaDeadline(), c.replies() + 1,
                    c.posts() + 1, reply.canned());
        }
        cases.put(caseId, new CaseState(next, join(caseId, state.postIds(), reply.postId())));
        out.collect(next);
    }

    private void breach(String caseId, long at, Collector<CareCase> out) throws Exception {
        CaseState state = cases.get(caseId);
        if (state == null || state.current().isAnswered() || state.current().slaDeadline() != at) {
            return;
        }
        CareCase c = state.current();
        CareCase next = event(c, CareCase.BREACHED, at, CareCase.UNANSWERED, -1, -1, false, c.replies(), c.posts(), false);
        cases.put(caseId, new CaseState(next, state.postIds()));
        out.collect(next);
    }

    private void expire(String caseId, long at, Context ctx, Collector<CareCase> out) throws Exception {
        CaseState state = cases.get(caseId);
        if (state == null) {
            return;
        }
        long due = state.current().openedAt() + settings.ttl().toMillis();
        if (at < due) {
            // filed under a shorter TTL than the one now in force
            hold(expiryDue, due + latenessMs, caseId, ctx);
            return;
        }
        cases.remove(caseId);
        for (String postId : state.postIds()) {
            caseOfPost.remove(postId);
        }
        CareCase c = state.current();
        if (!c.isAnswered()) {
            out.collect(event(c, CareCase.EXPIRED, at, CareCase.STATUS_EXPIRED, -1, -1, false, c.replies(), c.posts(), false));
        }
    }

    /** The case a post belongs to, or null: an opening post is its case's id, so only later posts are filed. */
    private String caseOf(String postId) throws Exception {
        return cases.contains(postId) ? postId : caseOfPost.get(postId);
    }

    /** The open alert of the post's brand that covers its region and topic; the earliest when several do. */
    private AlertEvent coveringAlert(CustomerPost post) throws Exception {
        AlertEvent best = null;
        for (AlertEvent alert : openAlerts.values()) {
            boolean zone = alert.regionCode() != null && alert.regionCode().startsWith("zone:");
            boolean region = zone || "*".equals(alert.regionCode()) || alert.regionCode().equals(post.region());
            boolean topic = "*".equals(alert.topic()) || alert.topic().equals(post.topic());
            if (region && topic && (best == null || alert.onset() < best.onset()
                    || alert.onset() == best.onset() && alert.alertId().compareTo(best.alertId()) < 0)) {
                best = alert;
            }
        }
        return best;
    }

    /** Files {@code item} under {@code at} for the event-time timer set there. */
    private static <T> void hold(MapState<Long, List<T>> due, long at, T item, Context ctx) throws Exception {
        List<T> items = due.get(at);
        if (items == null) {
            items = new ArrayList<>(1);
        }
        items.add(item);
        due.put(at, items);
        ctx.timerService().registerEventTimeTimer(at);
    }

    private static CareCase event(CareCase c, String event, long at, String status, long firstResponseAt, long responseSeconds,
            boolean answeredAfterSla, int replies, int posts, boolean canned) {
        return new CareCase(c.brand(), c.caseId(), event, c.sequence() + 1, at, c.customer(), c.openedAt(), c.topic(), c.region(),
                c.lang(), c.intent(), firstResponseAt, responseSeconds, c.slaDeadline(), status, answeredAfterSla, replies, posts,
                canned, c.incident(), c.alertId());
    }

    /** The same state with other counts, as a follow-up leaves it: no event, nothing changed that is reported. */
    private static CareCase with(CareCase c, int replies, int posts) {
        return new CareCase(c.brand(), c.caseId(), c.event(), c.sequence(), c.eventTime(), c.customer(), c.openedAt(), c.topic(),
                c.region(), c.lang(), c.intent(), c.firstResponseAt(), c.responseSeconds(), c.slaDeadline(), c.status(),
                c.answeredAfterSla(), replies, posts, c.canned(), c.incident(), c.alertId());
    }

    /**
     * Files {@code id} under the case and returns the thread's ids with it joined, at most
     * {@link #THREAD_IDS}: past the cap the oldest after the opening post is let go, and a later
     * post replying to it joins nothing.
     */
    private List<String> join(String caseId, List<String> ids, String id) throws Exception {
        caseOfPost.put(id, caseId);
        int drop = ids.size() < THREAD_IDS ? 0 : 1;
        List<String> kept = new ArrayList<>(ids.size() + 1 - drop);
        kept.add(ids.get(0));
        if (drop == 1) {
            caseOfPost.remove(ids.get(1));
        }
        kept.addAll(ids.subList(1 + drop, ids.size()));
        kept.add(id);
        return kept;
    }
}
