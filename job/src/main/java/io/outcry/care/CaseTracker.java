package io.outcry.care;

import io.outcry.detect.AlertEvent;
import io.outcry.state.BufferedType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Customer-care cases, keyed by brand and conversation ({@link CaseInput#key}): the thread where
 * the platform says which thread a post is in, else the customer. A brand's cases spread over
 * the job's parallelism; a brand's post that thousands answer is one conversation of many cases.
 * A customer post that asks or complains opens a case (its id is the case id) unless it replies
 * into the thread of a case of its conversation already open, which it then joins; a brand reply
 * whose reply-to leads into a case's thread (the opening post or any later post of it, the
 * brand's own replies included) answers it. The SLA deadline is an event-time timer that marks a
 * case still unanswered; a TTL timer forgets the case and its post ids. A deletion of a post
 * takes it out of its case, and of its opening post withdraws the case.
 *
 * <p>The broadcast input is the job's alerts and the brands' clocks, which every subtask keeps
 * ({@link #ALERTS}, {@link #CLOCKS}): a case opened while an alert of its brand covering its
 * region and topic is open is an incident case carrying that alert's id. An alert counts from
 * its event time (when it was detected), as a reader of the alerts board learns of it: a case
 * opened at a time takes the alerts as their events up to that time left them, at equal times
 * the alert's event first.
 *
 * <p>Customer posts and replies come by different paths, and late posts come after later ones,
 * so each input is held until the watermark passes its time plus the lateness, and they are
 * handled in event-time order (at equal times: customer posts, replies, each by id); deadlines
 * and TTLs wait the lateness too. A replay or a restart then yields the same events whatever the
 * interleaving: the late posts care takes in ({@code TimedPost#inTimeForCare}) and the alerts,
 * which come when their windows fire, arrive before their turn. What comes after its turn anyway
 * is handled at the next watermark. At the end of a bounded input the time after the brand's
 * last post ({@link BrandClock}) is unknown, not passed: deadlines and TTLs later than it are
 * left alone.
 *
 * <p>Inputs, deadlines and TTLs fall due by span ({@link #spanEnd}, a minute with the
 * defaults): all that is due in a span is handled when the watermark passes the span's end, in
 * the order of its own time, at equal times posts and replies, then deadlines, TTLs. A
 * conversation is one value in the state ({@link Conversation}: its cases, each as bytes with
 * its thread's ids) and one list of the inputs waiting for their turn, so that a brand's million
 * conversations cost a state entry each, not a map each. What is due is read off the cases at
 * each timer, by the TTL in force. Every event is emitted at the end of the span of its time
 * plus the lateness (its record's timestamp); a span never straddles a care window, which the
 * care windows take into account.
 *
 * <p>A case the versions that kept cases per brand held comes in handed over
 * ({@link CaseHandOver}): it is kept as it was, its deadline and TTL set again.
 */
public class CaseTracker extends KeyedBroadcastProcessFunction<String, CaseInput, CareBroadcast, CareCase> {

    private static final long serialVersionUID = 2L;

    /** Brand replies whose reply-to leads to no case the tracker knows: counted, never guessed at. */
    public static final OutputTag<BrandReply> UNMATCHED_REPLIES =
            new OutputTag<>("care-unmatched-replies", TypeInformation.of(BrandReply.class));

    /**
     * Every subtask's alerts, per brand: each alert's events in the order of their time, id and
     * sequence, so that the alerts open at any time can be read off. A resolved alert is let go
     * a day after the brand's latest alert event.
     */
    public static final MapStateDescriptor<String, List<AlertEvent>> ALERTS = new MapStateDescriptor<>("alerts", Types.STRING,
            Types.LIST(BufferedType.of(AlertEvent.class)));

    /**
     * The conversations' key, a brand and a thread's id of a few dozen characters: Flink's string
     * serializer writes a character at a time, each a synchronised call on the heap backend's
     * snapshot stream, once per conversation and per timer at every checkpoint; buffered, one.
     */
    public static final TypeInformation<String> KEY_TYPE = BufferedType.of(Types.STRING);

    /** Every subtask's clocks: how far each brand's posts got ({@link BrandClock}). */
    public static final MapStateDescriptor<String, Long> CLOCKS = new MapStateDescriptor<>("brand-clocks", Types.STRING, Types.LONG);

    /** How long a resolved alert is kept after the brand's latest alert event: far longer than any post can be late. */
    static final long RESOLVED_ALERTS_KEPT_MILLIS = 24 * 3_600_000L;

    /**
     * Thread posts a case keeps to join later posts by: the opening post and the latest others.
     * A thread that runs to thousands of posts keeps joining, as a reply answers a recent post,
     * and costs the same per post; posts past the cap still count in the case.
     */
    static final int THREAD_IDS = 200;

    /** The longest span: a minute, so that a case waits at most that longer for its turn. */
    static final long MAX_SPAN_MILLIS = 60_000;

    /** An alert's events apply in the order of their time, then of alert id and sequence. */
    private static final Comparator<AlertEvent> ALERT_ORDER = Comparator.comparingLong(AlertEvent::eventTime)
            .thenComparing(AlertEvent::alertId).thenComparingInt(AlertEvent::sequence);

    private final CareSettings settings;
    private final long latenessMs;
    /** The longest span up to a minute that divides the care window and its offset, the lateness. */
    private final long spanMillis;

    private transient ValueState<Conversation> conversation;
    /** Inputs waiting for their turn. */
    private transient ValueState<List<CareInput>> waiting;
    private transient Counter unmatchedReplies;

    /** While an element or a timer is handled: the conversation. */
    private transient Conversation cases;
    /** While a span is handled: its end, and what is due in it, including what handling it opens there. */
    private transient long spanInHand = Long.MIN_VALUE;
    private transient PriorityQueue<Due> dueInSpan;
    private transient long filed;

    /** @param lateness how long to wait for late posts and alerts: the job's allowed lateness */
    public CaseTracker(CareSettings settings, Duration lateness) {
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
        conversation = getRuntimeContext().getState(new ValueStateDescriptor<>("conversation", ConversationSerializer.INSTANCE));
        waiting = getRuntimeContext().getState(new ValueStateDescriptor<>("waiting",
                BufferedType.of(Types.LIST(TypeInformation.of(CareInput.class)))));
        unmatchedReplies = getRuntimeContext().getMetricGroup().counter("careRepliesToUnknownPosts");
    }

    @Override
    public void processElement(CaseInput in, ReadOnlyContext ctx, Collector<CareCase> out) throws Exception {
        load();
        if (in.handedOver() != null) {
            takeOver(in.handedOver(), in.threadIds());
        } else if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            handle(in.input(), ctx, out);
        } else {
            List<CareInput> waiting = this.waiting.value();
            waiting = waiting == null ? new ArrayList<>(1) : waiting;
            waiting.add(in.input());
            this.waiting.update(waiting);
            ctx.timerService().registerEventTimeTimer(spanEnd(turn(in.input().createdAt(), ctx)));
        }
        store(ctx);
    }

    /** When something of time {@code at} is handled: after the lateness, and never before the next watermark. */
    private long turn(long at, ReadOnlyContext ctx) {
        return Math.max(at + latenessMs, ctx.timerService().currentWatermark() + 1);
    }

    @Override
    public void processBroadcastElement(CareBroadcast signal, Context ctx, Collector<CareCase> out) throws Exception {
        if (signal.clock() != null) {
            BroadcastState<String, Long> clocks = ctx.getBroadcastState(CLOCKS);
            Long known = clocks.get(signal.clock().brand());
            if (known == null || signal.clock().latestInput() > known) {
                clocks.put(signal.clock().brand(), signal.clock().latestInput());
            }
            return;
        }
        AlertEvent alert = signal.alert();
        BroadcastState<String, List<AlertEvent>> alerts = ctx.getBroadcastState(ALERTS);
        List<AlertEvent> known = alerts.get(alert.brand());
        List<AlertEvent> events = known == null ? new ArrayList<>() : new ArrayList<>(known);
        int at = 0;
        while (at < events.size() && ALERT_ORDER.compare(events.get(at), alert) <= 0) {
            at++;
        }
        events.add(at, alert);
        alerts.put(alert.brand(), letGoOfResolved(events, events.get(events.size() - 1).eventTime()));
    }

    /** Events, in order, of the alerts that are open or were resolved less than a day before {@code now}. */
    private static List<AlertEvent> letGoOfResolved(List<AlertEvent> events, long now) {
        Map<String, AlertEvent> last = new HashMap<>();
        events.forEach(event -> last.put(event.alertId(), event));
        List<AlertEvent> kept = new ArrayList<>(events.size());
        for (AlertEvent event : events) {
            AlertEvent latest = last.get(event.alertId());
            if (AlertEvent.OPEN.equals(latest.status()) || latest.eventTime() > now - RESOLVED_ALERTS_KEPT_MILLIS) {
                kept.add(event);
            }
        }
        return kept;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CareCase> out) throws Exception {
        load();
        long watermark = ctx.timerService().currentWatermark();
        Long latest = ctx.getBroadcastState(CLOCKS).get(CaseInput.brandOf(ctx.getCurrentKey()));
        dueInSpan = new PriorityQueue<>(Due.ORDER);
        spanInHand = timestamp;
        List<CareInput> waiting = this.waiting.value();
        if (waiting != null) {
            List<CareInput> later = new ArrayList<>();
            for (CareInput input : waiting) {
                if (spanEnd(input.createdAt() + latenessMs) <= timestamp) {
                    dueInSpan.add(new Due(input.createdAt(), Due.INPUT, input, filed++));
                } else {
                    later.add(input);
                }
            }
            if (later.isEmpty()) {
                this.waiting.clear();
            } else {
                this.waiting.update(later);
            }
        }
        // what the cases have due: a time not known to have come (the end of a bounded input) is left alone
        boolean bounded = watermark == Long.MAX_VALUE;
        for (CaseState state : cases.cases()) {
            long deadline = state.slaDeadline();
            if (spanEnd(deadline + latenessMs) <= timestamp && (!bounded || latest != null && deadline <= latest) && state.isOpen()) {
                dueInSpan.add(new Due(deadline, Due.DEADLINE, state.caseId(), filed++));
            }
            long expiry = state.openedAt() + settings.ttl().toMillis();
            if (spanEnd(expiry + latenessMs) <= timestamp && (!bounded || latest != null && expiry <= latest)) {
                dueInSpan.add(new Due(expiry, Due.EXPIRY, state.caseId(), filed++));
            }
        }
        for (Due due = dueInSpan.poll(); due != null; due = dueInSpan.poll()) {
            switch (due.kind()) {
                case Due.INPUT -> handle((CareInput) due.item(), ctx, out);
                case Due.DEADLINE -> breach((String) due.item(), due.time(), out);
                default -> expire((String) due.item(), due.time(), out);
            }
        }
        store(ctx);
        spanInHand = Long.MIN_VALUE;
        dueInSpan = null;
    }

    private long expiry(CareCase c) {
        return c.openedAt() + settings.ttl().toMillis();
    }

    private void load() throws Exception {
        cases = conversation.value();
        if (cases == null) {
            cases = new Conversation(List.of());
        }
    }

    /**
     * Writes the conversation back, and sets the timer of the next deadline or TTL of its cases
     * after the span in hand: one timer a conversation waits on, not one a case, so that the
     * checkpoints write fewer. Later ones are set when it fires; one set before and no longer
     * due (a case answered before its deadline) finds nothing. Read by the TTL now in force, so a
     * restore with another {@code --care-ttl} forgets the cases by it from their next timer on.
     */
    private void store(ReadOnlyContext ctx) throws Exception {
        if (cases.isEmpty()) {
            conversation.clear();
            cases = null;
            return;
        }
        long ttl = settings.ttl().toMillis();
        // up to the span in hand, what was due was handled, or left alone at the end of a bounded input
        long next = Long.MAX_VALUE;
        for (CaseState state : cases.cases()) {
            next = later(next, spanEnd(state.openedAt() + ttl + latenessMs));
            if (state.isOpen()) {
                next = later(next, spanEnd(state.slaDeadline() + latenessMs));
            }
        }
        if (next != Long.MAX_VALUE) {
            ctx.timerService().registerEventTimeTimer(next);
        }
        // the heap backend's own object, changed in place: written again for RocksDB
        conversation.update(cases);
        cases = null;
    }

    /** The earlier of {@code next} and {@code span}, counting only spans after the one in hand. */
    private long later(long next, long span) {
        return span > spanInHand ? Math.min(next, span) : next;
    }

    /** A case a former tracker held, kept as it was with its thread; {@link #store} sets its next timer. */
    private void takeOver(CareCase c, List<String> threadIds) {
        if (cases.get(c.caseId()) == null) {
            cases.put(new CaseState(c, threadIds));
        }
    }

    /** Queues what falls due at {@code time} when that is in the span in hand; a later one waits for its timer ({@link #store}). */
    private void dueInSpan(int kind, long time, String caseId) {
        if (spanEnd(time + latenessMs) <= spanInHand) {
            dueInSpan.add(new Due(time, kind, caseId, filed++));
        }
    }

    private void handle(CareInput input, ReadOnlyContext ctx, Collector<CareCase> out) throws Exception {
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
    private void handleDeletion(DeletedPost deletion, Collector<CareCase> out) {
        String caseId = cases.caseOf(deletion.postId());
        if (caseId == null) {
            return;
        }
        CaseState state = cases.get(caseId);
        CareCase c = state.current();
        if (!caseId.equals(deletion.postId())) {
            List<String> rest = new ArrayList<>(state.postIds());
            rest.remove(deletion.postId());
            cases.put(new CaseState(with(c, c.replies(), c.posts() - 1), rest));
            return;
        }
        cases.remove(caseId);
        out.collect(new CareCase(c.brand(), c.caseId(), CareCase.DELETED, c.sequence() + 1, deletion.at(), null, c.openedAt(),
                c.topic(), c.region(), c.lang(), c.intent(), c.firstResponseAt(), c.responseSeconds(), c.slaDeadline(),
                CareCase.STATUS_DELETED, c.answeredAfterSla(), c.replies(), c.posts() - 1, c.canned(), c.incident(), c.alertId(),
                null));
    }

    private void handleCustomer(CustomerPost post, ReadOnlyContext ctx, Collector<CareCase> out) throws Exception {
        String joined = post.replyToId() == null ? null : cases.caseOf(post.replyToId());
        if (joined != null) {
            if (cases.caseOf(post.postId()) == null) {
                CaseState state = cases.get(joined);
                CareCase c = state.current();
                cases.put(new CaseState(with(c, c.replies(), c.posts() + 1), join(state.postIds(), post.postId())));
            }
            return;
        }
        if (!(post.asks() || settings.openOnAnyPost()) || cases.caseOf(post.postId()) != null) {
            return;
        }
        long deadline = settings.deadline(post.brand(), post.createdAt());
        AlertEvent alert = coveringAlert(post, ctx);
        CareCase opened = new CareCase(post.brand(), post.postId(), CareCase.OPENED, 0, post.createdAt(), post.customer(),
                post.createdAt(), post.topic(), post.region(), post.lang(), post.intent(), -1, -1, deadline, CareCase.OPEN,
                false, 0, 1, false, alert != null, alert == null ? null : alert.alertId(), post.permalink());
        cases.put(new CaseState(opened, List.of(post.postId())));
        dueInSpan(Due.DEADLINE, deadline, post.postId());
        dueInSpan(Due.EXPIRY, expiry(opened), post.postId());
        out.collect(opened);
    }

    private void handleReply(BrandReply reply, ReadOnlyContext ctx, Collector<CareCase> out) {
        String caseId = reply.replyToId() == null ? null : cases.caseOf(reply.replyToId());
        if (caseId == null) {
            unmatchedReplies.inc();
            ctx.output(UNMATCHED_REPLIES, reply);
            return;
        }
        if (cases.caseOf(reply.postId()) != null) {
            return;
        }
        CaseState state = cases.get(caseId);
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
        cases.put(new CaseState(next, join(state.postIds(), reply.postId())));
        out.collect(next);
    }

    private void breach(String caseId, long at, Collector<CareCase> out) {
        CaseState state = cases.get(caseId);
        CareCase c = state == null ? null : state.current();
        if (c == null || !CareCase.OPEN.equals(c.status())) {
            return;
        }
        CareCase next = event(c, CareCase.BREACHED, at, CareCase.UNANSWERED, -1, -1, false, c.replies(), c.posts(), false);
        cases.put(new CaseState(next, state.postIds()));
        out.collect(next);
    }

    private void expire(String caseId, long at, Collector<CareCase> out) {
        CaseState state = cases.get(caseId);
        if (state == null) {
            return;
        }
        cases.remove(caseId);
        CareCase c = state.current();
        if (!c.isAnswered()) {
            out.collect(event(c, CareCase.EXPIRED, at, CareCase.STATUS_EXPIRED, -1, -1, false, c.replies(), c.posts(), false));
        }
    }

    /**
     * The alert of the post's brand open at its time that covers its region and topic; the
     * earliest when several do.
     */
    private AlertEvent coveringAlert(CustomerPost post, ReadOnlyContext ctx) throws Exception {
        List<AlertEvent> events = ctx.getBroadcastState(ALERTS).get(post.brand());
        if (events == null) {
            return null;
        }
        Map<String, AlertEvent> asOfPost = new HashMap<>();
        for (AlertEvent event : events) {
            if (event.eventTime() > post.createdAt()) {
                break;
            }
            asOfPost.put(event.alertId(), event);
        }
        AlertEvent best = null;
        for (AlertEvent alert : asOfPost.values()) {
            boolean zone = alert.regionCode() != null && alert.regionCode().startsWith("zone:");
            boolean region = zone || "*".equals(alert.regionCode()) || alert.regionCode().equals(post.region());
            boolean topic = "*".equals(alert.topic()) || alert.topic().equals(post.topic());
            if (AlertEvent.OPEN.equals(alert.status()) && region && topic && (best == null || alert.onset() < best.onset()
                    || alert.onset() == best.onset() && alert.alertId().compareTo(best.alertId()) < 0)) {
                best = alert;
            }
        }
        return best;
    }

    /**
     * Something due in a span: an input, or a case's deadline or TTL. Handled in the order of its
     * time, then of its kind; inputs by their order and post id, the rest as the cases opened.
     */
    private record Due(long time, int kind, Object item, long filed) {

        static final int INPUT = 1;
        static final int DEADLINE = 2;
        static final int EXPIRY = 3;

        static final Comparator<Due> ORDER = Comparator.comparingLong(Due::time).thenComparingInt(Due::kind)
                .thenComparing(Due::byItem).thenComparingLong(Due::filed);

        private static int byItem(Due a, Due b) {
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
     * The thread's ids with {@code id} joined, at most {@link #THREAD_IDS}: past the cap the oldest
     * after the opening post is let go, and a later post replying to it joins nothing.
     */
    private static List<String> join(List<String> ids, String id) {
        int drop = ids.size() < THREAD_IDS ? 0 : 1;
        List<String> kept = new ArrayList<>(ids.size() + 1 - drop);
        kept.add(ids.get(0));
        kept.addAll(ids.subList(1 + drop, ids.size()));
        kept.add(id);
        return kept;
    }
}
