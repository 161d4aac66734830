package io.outcry.deletion;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimerService;

/** One event-time timer per key that forgets it: moved later as the key is seen later. */
final class ForgetTimer {

    private ForgetTimer() {}

    static void extend(ValueState<Long> forgetAt, TimerService timers, long until) throws Exception {
        Long due = forgetAt.value();
        if (due == null || until > due) {
            if (due != null) {
                timers.deleteEventTimeTimer(due);
            }
            forgetAt.update(until);
            timers.registerEventTimeTimer(until);
        }
    }

    static boolean due(ValueState<Long> forgetAt, long timestamp) throws Exception {
        Long due = forgetAt.value();
        return due != null && due <= timestamp;
    }
}
