package io.outcry.care;

import io.outcry.state.BufferedType;
import io.outcry.detect.AlertEvent;
import io.outcry.state.ListsByTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
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
 * after its turn anyway is handled at the next watermark. At the end of a bounded input the
 * time after its last post is unknown, not passed: deadlines and TTLs later than the brand's
 * last post are left alone.
 *
 * <p>Inputs, deadlines and TTLs are filed by span ({@link #spanEnd}, a minute with the
 * defaults): all that is due in a span is handled when the watermark passes the span's end, in
 * the order of its own time, at equal times alerts first, then posts and replies, deadlines,
 * TTLs. One timer a span instead of one per input and deadline keeps the timer heap, and the
 * checkpoints that write it, small. Every event is emitted at the end of the span of its time
 * plus the lateness (its record's timestamp); a span never straddles a care window, which the
 * care windows take into account.
 */
class FormerCaseTracker extends KeyedCoProcessFunction<String, CareInput, AlertEvent, CareCase> {

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

    /** The longest span: a minute, so that a case waits at most that longer for its turn. */
    static final long MAX_SPAN_MILLIS = 60_000;

    private final CareSettings settings;
    private final long latenessMs;
    /** The longest span up to a minute that divides the care window and its offset, the lateness. */
    private final long spanMillis;
    /** While a span is handled: its end, and what is due in it, including what handling it files there. */
    private transient long spanInHand = Long.MIN_VALUE;
    private transient PriorityQueue<Due> dueInSpan;
    private transient long filed;

    private transient ListsByTime<CareInput> pending;
    private transient ListsByTime<AlertEvent> pendingAlerts;
    private transient MapState<String, CaseState> cases;
    /** A thread's later posts to their case; the opening post is its case's id (see {@link #caseOf}). */
    private transient MapState<String, String> caseOfPost;
    private transient ListsByTime<String> slaDue;
    private transient ListsByTime<String> expiryDue;
    private transient MapState<String, AlertEvent> openAlerts;
    private transient ValueState<Long> latestInput;
    private transient ValueState<Long> ttlInForce;
    private transient Counter unmatchedReplies;

    /** @param lateness how long to wait for late posts and alerts: the job's allowed lateness */
    FormerCaseTracker(CareSettings settings, Duration lateness) {
        this.settings = settings;
        this.latenessMs = lateness.toMillis();
        long window = settings.window().toMillis();
        this.spanMillis = gcd(gcd(MAX_SPAN_MILLIS, window), latenessMs % window);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** The end of the span {@code stamp} falls in: its last millisecond. */
    long spanEnd(long stamp) {
        return Math.floorDiv(stamp, spanMillis) * spanMillis + spanMillis - 1;
    }

    @Override
    public void open(OpenContext openContext) {
        ListSerializer<String> ids = new ListSerializer<>(IdSerializer.INSTANCE);
        pending = ListsByTime.of(getRuntimeContext(), "pending", BufferedType.of(Types.LIST(TypeInformation.of(CareInput.class))));
        pendingAlerts = ListsByTime.of(getRuntimeContext(), "pending-alerts",
                BufferedType.of(Types.LIST(TypeInformation.of(AlertEvent.class))));
        cases = getRuntimeContext().getMapState(new MapStateDescriptor<>("cases", IdSerializer.INSTANCE, CaseStateSerializer.INSTANCE));
        caseOfPost = getRuntimeContext().getMapState(new MapStateDescriptor<>("case-of-post", IdSerializer.INSTANCE, IdSerializer.INSTANCE));
        slaDue = ListsByTime.of(getRuntimeContext(), "sla-due", ids);
        expiryDue = ListsByTime.of(getRuntimeContext(), "expiry-due", ids);
        openAlerts = getRuntimeContext().getMapState(new MapStateDescriptor<>("open-alerts", Types.STRING,
                BufferedType.of(AlertEvent.class)));
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
        file(pending, Due.INPUT, at, turn(at, ctx), input, ctx);
    }

    @Override
    public void processElement2(AlertEvent alert, Context ctx, Collector<CareCase> out) throws Exception {
        if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            apply(alert);
            return;
        }
        file(pendingAlerts, Due.ALERT, alert.eventTime(), turn(alert.eventTime(), ctx), alert, ctx);
    }

    /** When an input of time {@code at} is handled: after the lateness, and never before the next watermark. */
    private long turn(long at, Context ctx) {
        return Math.max(at + latenessMs, ctx.timerService().currentWatermark() + 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CareCase> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        Long latest = latestInput.value();
        dueInSpan = new PriorityQueue<>(Due.ORDER);
        spanInHand = timestamp;
        pendingAlerts.take(timestamp).forEach(alert -> dueInSpan.add(new Due(alert.eventTime(), Due.ALERT, alert, filed++)));
        pending.take(timestamp).forEach(input -> dueInSpan.add(new Due(input.createdAt(), Due.INPUT, input, filed++)));
        takeDue(slaDue, timestamp, Due.DEADLINE, state -> state.current().slaDeadline(), watermark, latest);
        takeDue(expiryDue, timestamp, Due.EXPIRY, state -> state.current().openedAt() + settings.ttl().toMillis(), watermark, latest);
        for (Due due = dueInSpan.poll(); due != null; due = dueInSpan.poll()) {
            switch (due.kind()) {
                case Due.ALERT -> apply((AlertEvent) due.item());
                case Due.INPUT -> handle((CareInput) due.item(), ctx, out);
                case Due.DEADLINE -> breach((String) due.item(), due.time(), out);
                default -> expire((String) due.item(), due.time(), ctx, out);
            }
        }
        spanInHand = Long.MIN_VALUE;
        dueInSpan = null;
    }

    /**
     * The cases filed in {@code due} under the span, into the span in hand at the time {@code at}
     * gives; those whose time is not known to have come (the end of a bounded input) stay filed.
     */
    private void takeDue(ListsByTime<String> due, long span, int kind, ToLongFunction<CaseState> at, long watermark,
            Long latest) throws Exception {
        for (String caseId : due.take(span)) {
            CaseState state = cases.get(caseId);
            if (state == null) {
                continue;
            }
            long time = at.applyAsLong(state);
            if (watermark != Long.MAX_VALUE || latest != null && time <= latest) {
                dueInSpan.add(new Due(time, kind, caseId, filed++));
            } else {
                due.add(span, caseId);
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
                long expiry = entry.getValue().current().openedAt() + ttl;
                file(expiryDue, Due.EXPIRY, expiry, turn(expiry, ctx), entry.getKey(), ctx);
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
                CareCase.STATUS_DELETED, c.answeredAfterSla(), c.replies(), c.posts() - 1, c.canned(), c.incident(), c.alertId(),
                null));
    }

    private void handleCustomer(CustomerPost post, Context ctx, Collector<CareCase> out) throws Exception {
        String joined = post.replyToId() == null ? null : caseOf(post.replyToId());
        if (joined != null) {
            CaseState state = cases.get(joined);
            if (state != null && caseOf(post.postId()) == null) {
                CareCase c = state.current();
                cases.put(joined, new CaseState(with(c, c.replies(), c.posts() + 1), join(joined, state.postIds(), post.postId())));
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
                false, 0, 1, false, alert != null, alert == null ? null : alert.alertId(), post.permalink());
        cases.put(post.postId(), new CaseState(opened, List.of(post.postId())));
        file(slaDue, Due.DEADLINE, deadline, deadline + latenessMs, post.postId(), ctx);
        long expiry = post.createdAt() + settings.ttl().toMillis();
        file(expiryDue, Due.EXPIRY, expiry, expiry + latenessMs, post.postId(), ctx);
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
        CareCase c = state == null ? null : state.current();
        if (c == null || c.isAnswered() || c.slaDeadline() != at) {
            return;
        }
        CareCase next = event(c, CareCase.BREACHED, at, CareCase.UNANSWERED, -1, -1, false, c.replies(), c.posts(), false);
        cases.put(caseId, new CaseState(next, state.postIds()));
        out.collect(next);
    }

    private void expire(String caseId, long at, Context ctx, Collector<CareCase> out) throws Exception {
        CaseState state = cases.get(caseId);
        if (state == null) {
            return;
        }
        CareCase c = state.current();
        long due = c.openedAt() + settings.ttl().toMillis();
        if (spanEnd(due + latenessMs) > spanInHand) {
            // filed under a shorter TTL than the one now in force
            file(expiryDue, Due.EXPIRY, due, due + latenessMs, caseId, ctx);
            return;
        }
        cases.remove(caseId);
        for (String postId : state.postIds()) {
            caseOfPost.remove(postId);
        }
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

    /**
     * Files {@code item}, due at {@code time}, under the span of {@code stamp} (when it is
     * handled) for the event-time timer set at the span's end; into the span in hand when that is
     * its span.
     */
    private <T> void file(ListsByTime<T> due, int kind, long time, long stamp, T item, Context ctx) throws Exception {
        long span = spanEnd(stamp);
        if (span == spanInHand) {
            dueInSpan.add(new Due(time, kind, item, filed++));
            return;
        }
        due.add(span, item);
        ctx.timerService().registerEventTimeTimer(span);
    }

    /**
     * Something due in a span: an alert, an input, or a case's deadline or TTL. Handled in the
     * order of its time, then of its kind; alerts then by id and sequence, inputs by their order
     * and post id, the rest as they were filed.
     */
    private record Due(long time, int kind, Object item, long filed) {

        static final int ALERT = 0;
        static final int INPUT = 1;
        static final int DEADLINE = 2;
        static final int EXPIRY = 3;

        static final Comparator<Due> ORDER = Comparator.comparingLong(Due::time).thenComparingInt(Due::kind)
                .thenComparing(Due::byItem).thenComparingLong(Due::filed);

        private static int byItem(Due a, Due b) {
            if (a.item instanceof AlertEvent x && b.item instanceof AlertEvent y) {
                int byId = x.alertId().compareTo(y.alertId());
                return byId != 0 ? byId : Integer.compare(x.sequence(), y.sequence());
            }
            if (a.item instanceof CareInput x && b.item instanceof CareInput y) {
                int byOrder = Integer.compare(x.order(), y.order());
                return byOrder != 0 ? byOrder : x.postId().compareTo(y.postId());
            }
            return 0;
        }
    }

    private static CareCase event(CareCase c, String event, long at, String status, long firstResponseAt, long responseSeconds,
            boolean answeredAfterSla, int replies, int posts, boolean canned) {
        return new CareCase(c.brand(), c.caseId(), event, c.sequence() + 1, at, c.customer(), c.openedAt(), c.topic(), c.region(),
                c.lang(), c.intent(), firstResponseAt, responseSeconds, c.slaDeadline(), status, answeredAfterSla, replies, posts,
                canned, c.incident(), c.alertId(), c.permalink());
    }

    /** The same state with other counts, as a follow-up leaves it: no event, nothing changed that is reported. */
    private static CareCase with(CareCase c, int replies, int posts) {
        return new CareCase(c.brand(), c.caseId(), c.event(), c.sequence(), c.eventTime(), c.customer(), c.openedAt(), c.topic(),
                c.region(), c.lang(), c.intent(), c.firstResponseAt(), c.responseSeconds(), c.slaDeadline(), c.status(),
                c.answeredAfterSla(), replies, posts, c.canned(), c.incident(), c.alertId(), c.permalink());
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
