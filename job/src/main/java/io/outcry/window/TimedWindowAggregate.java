package io.outcry.window;

import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * {@link WindowAggregate} kept apart for the on-time and the late posts of a window, so that
 * a firing tells both what the window was judged on and everything it holds.
 */
public class TimedWindowAggregate implements AggregateFunction<KeyedPost, TimedAccumulator, WindowFiring> {

    private static final long serialVersionUID = 1L;
    private final WindowAggregate part;

    public TimedWindowAggregate(int maxExamples) {
        this.part = new WindowAggregate(maxExamples);
    }

    @Override
    public TimedAccumulator createAccumulator() {
        return new TimedAccumulator();
    }

    @Override
    public TimedAccumulator add(KeyedPost post, TimedAccumulator acc) {
        if (post.timeliness() == Timeliness.ON_TIME) {
            part.add(post, acc.onTime);
        } else {
            if (acc.late == null) {
                acc.late = part.createAccumulator();
            }
            part.add(post, acc.late);
        }
        return acc;
    }

    @Override
    public WindowFiring getResult(TimedAccumulator acc) {
        WindowCounts onTime = part.getResult(acc.onTime);
        if (acc.late == null) {
            return new WindowFiring(onTime, null);
        }
        // merged into a fresh accumulator: the parts in state stay as they are
        WindowAccumulator all = part.merge(part.merge(part.createAccumulator(), acc.onTime), acc.late);
        return new WindowFiring(onTime, part.getResult(all));
    }

    @Override
    public TimedAccumulator merge(TimedAccumulator a, TimedAccumulator b) {
        part.merge(a.onTime, b.onTime);
        if (b.late != null) {
            a.late = a.late == null ? b.late : part.merge(a.late, b.late);
        }
        return a;
    }
}
