package io.outcry.state;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.MapState;

/** Keyed state that files what waits for a time (a timer, a span) in one list per time. */
public final class ListsByTime {

    private ListsByTime() {}

    /** Adds {@code item} to the list filed under {@code time}, starting the list if there is none. */
    public static <T> void add(MapState<Long, List<T>> lists, long time, T item) throws Exception {
        List<T> filed = lists.get(time);
        if (filed == null) {
            filed = new ArrayList<>(1);
        }
        filed.add(item);
        lists.put(time, filed);
    }
}
