package io.outcry.care;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Passes care inputs on to the case tracker and keeps, per brand, the time of the latest
 * customer post or brand reply it passed; at the end of a bounded input it sends these
 * ({@link #CLOCKS}) to every tracker, before the end's watermark. Each tracker holds a part of a
 * brand's conversations, and needs the whole brand's to tell which deadlines the input's time
 * reached ({@link CaseTracker}); the trackers take the latest of what every one of these sent.
 */
public class BrandClocks extends AbstractStreamOperator<CaseInput>
        implements OneInputStreamOperator<CaseInput, CaseInput>, BoundedOneInput {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<CareBroadcast> CLOCKS = new OutputTag<>("care-brand-clocks", TypeInformation.of(CareBroadcast.class));

    /** Per brand, one cell holding its latest time: changed in place, as every care input passes here. */
    private transient Map<String, long[]> latest;
    private transient ListState<BrandClock> kept;

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        kept = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("brand-clocks", BrandClock.class));
        latest = new HashMap<>();
        for (BrandClock clock : kept.get()) {
            pass(clock.brand(), clock.latestInput());
        }
    }

    @Override
    public void processElement(StreamRecord<CaseInput> record) {
        CareInput input = record.getValue().input();
        if (input != null && input.deleted() == null) {
            pass(input.brand(), input.createdAt());
        }
        output.collect(record);
    }

    private void pass(String brand, long time) {
        long[] cell = latest.computeIfAbsent(brand, b -> new long[] {Long.MIN_VALUE});
        cell[0] = Math.max(cell[0], time);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<BrandClock> clocks = new ArrayList<>(latest.size());
        latest.forEach((brand, time) -> clocks.add(new BrandClock(brand, time[0])));
        kept.update(clocks);
    }

    @Override
    public void endInput() {
        latest.forEach((brand, time) -> output.collect(CLOCKS,
                new StreamRecord<>(CareBroadcast.of(new BrandClock(brand, time[0])), time[0])));
    }
}
