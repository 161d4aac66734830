package io.outcry.care;

import io.outcry.detect.AlertEvent;
import io.outcry.state.BufferedType;
import io.outcry.state.ListsByTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Hands the cases of a checkpoint taken before cases were kept per conversation (2026-12-08) to
 * the {@link CaseTracker}. That tracker was keyed by brand and this function takes its place in
 * the job (its uid, its state's names and types, its timers): restored from such a checkpoint, a
 * brand's first timer (every brand with cases has one) sends each of its cases with its thread to
 * its conversation, the inputs that waited for their turn to theirs, the alerts it held and how
 * far the brand's posts got to every tracker, and lets go of the rest. A job started afresh holds
 * nothing here.
 *
 * <p>Its input is the deletions of posts that the former tracker was told of under the brand
 * alone: it keeps which customer each handed-over post belongs to for the TTL, and sends such a
 * deletion on to that conversation.
 */
public class CaseHandOver extends KeyedProcessFunction<String, CareInput, CaseInput> {

    private static final long serialVersionUID = 1L;

    /** The alerts and the brand's clock it held, for every subtask of the tracker. */
    public static final OutputTag<CareBroadcast> BROADCAST = new OutputTag<>("care-handed-over", TypeInformation.of(CareBroadcast.class));

    private final long ttlMs;
    private final long latenessMs;

    private transient ListsByTime<CareInput> pending;
    private transient ListsByTime<AlertEvent> pendingAlerts;
    private transient MapState<String, CaseState> cases;
    private transient MapState<String, String> caseOfPost;
    private transient ListsByTime<String> slaDue;
    private transient ListsByTime<String> expiryDue;
    private transient MapState<String, AlertEvent> openAlerts;
    private transient ValueState<Long> latestInput;
    private transient ValueState<Long> ttlInForce;
    /** Each handed-over post's customer ("" when unknown), until {@link #ownersUntil}. */
    private transient MapState<String, String> owners;
    private transient ValueState<Long> ownersUntil;

    public CaseHandOver(Duration ttl, Duration lateness) {
        this.ttlMs = ttl.toMillis();
        this.latenessMs = lateness.toMillis();
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
        owners = getRuntimeContext().getMapState(new MapStateDescriptor<>("handed-over-owners", IdSerializer.INSTANCE,
                IdSerializer.INSTANCE));
        ownersUntil = getRuntimeContext().getState(new ValueStateDescriptor<>("handed-over-owners-until", Types.LONG));
    }

    @Override
    public void processElement(CareInput deletion, Context ctx, Collector<CaseInput> out) throws Exception {
        handOver(ctx.getCurrentKey(), ctx, out);
        String owner = owners.get(deletion.postId());
        if (owner != null) {
            out.collect(CaseInput.of(CaseInput.key(deletion.brand(), null, owner), deletion));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CaseInput> out) throws Exception {
        handOver(ctx.getCurrentKey(), ctx, out);
        Long until = ownersUntil.value();
        if (until != null && timestamp >= until) {
            owners.clear();
            ownersUntil.clear();
        }
    }

    private void handOver(String brand, Context ctx, Collector<CaseInput> out) throws Exception {
        Long latest = latestInput.value();
        if (latest == null && ttlInForce.value() == null && openAlerts.isEmpty() && cases.isEmpty()) {
            return;
        }
        long lastOpened = Long.MIN_VALUE;
        for (Map.Entry<String, CaseState> entry : cases.entries()) {
            CareCase c = entry.getValue().current();
            List<String> thread = entry.getValue().postIds();
            out.collect(CaseInput.handedOver(c, thread));
            for (String id : thread) {
                owners.put(id, c.customer() == null ? "" : c.customer());
            }
            lastOpened = Math.max(lastOpened, c.openedAt());
        }
        for (CareInput input : pending.takeAll()) {
            if (input.deleted() == null) {
                out.collect(CaseInput.of(input));
            } else {
                String owner = owners.get(input.postId());
                if (owner != null) {
                    out.collect(CaseInput.of(CaseInput.key(brand, null, owner), input));
                }
            }
        }
        for (AlertEvent alert : openAlerts.values()) {
            ctx.output(BROADCAST, CareBroadcast.of(alert));
        }
        for (AlertEvent alert : pendingAlerts.takeAll()) {
            ctx.output(BROADCAST, CareBroadcast.of(alert));
        }
        if (latest != null) {
            ctx.output(BROADCAST, CareBroadcast.of(new BrandClock(brand, latest)));
        }
        cases.clear();
        caseOfPost.clear();
        slaDue.clear();
        expiryDue.clear();
        openAlerts.clear();
        latestInput.clear();
        ttlInForce.clear();
        if (lastOpened != Long.MIN_VALUE) {
            long until = lastOpened + ttlMs + latenessMs;
            ownersUntil.update(until);
            ctx.timerService().registerEventTimeTimer(until);
        }
    }
}
