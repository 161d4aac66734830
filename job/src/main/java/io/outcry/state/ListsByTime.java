package io.outcry.state;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.IntSerializer;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.runtime.TupleSerializer;

/**
 * Keyed state that files what waits for a time (a timer, a span) in a list per time, kept in
 * chunks of at most {@link #CHUNK} items: RocksDB reads and writes a value whole, so one list
 * per time cost a brand's whole minute of items at every item it filed. A chunk is filed under
 * its time and index, and a count per time says how many chunks the time has.
 *
 * <p>Checkpoints of the versions before the chunks hold one list per time under the state's
 * name: {@link #take} hands those items out first, as they were filed before any chunk was.
 */
public final class ListsByTime<T> {

    static final int CHUNK = 32;

    private final MapState<Tuple2<Long, Integer>, List<T>> chunks;
    private final MapState<Long, Integer> chunkCounts;
    private final MapState<Long, List<T>> former;

    private ListsByTime(MapState<Tuple2<Long, Integer>, List<T>> chunks, MapState<Long, Integer> chunkCounts,
            MapState<Long, List<T>> former) {
        this.chunks = chunks;
        this.chunkCounts = chunkCounts;
        this.former = former;
    }

    /** The lists named {@code name} of the function whose context this is, each written by {@code lists}. */
    public static <T> ListsByTime<T> of(RuntimeContext context, String name, TypeSerializer<List<T>> lists) {
        @SuppressWarnings("unchecked")
        TupleSerializer<Tuple2<Long, Integer>> chunkKeys = new TupleSerializer<>((Class<Tuple2<Long, Integer>>) (Class<?>) Tuple2.class,
                new TypeSerializer<?>[] {LongSerializer.INSTANCE, IntSerializer.INSTANCE});
        return new ListsByTime<>(
                context.getMapState(new MapStateDescriptor<>(name + "-chunks", chunkKeys, lists)),
                context.getMapState(new MapStateDescriptor<>(name + "-chunk-counts", LongSerializer.INSTANCE, IntSerializer.INSTANCE)),
                context.getMapState(new MapStateDescriptor<>(name, LongSerializer.INSTANCE, lists)));
    }

    public static <T> ListsByTime<T> of(RuntimeContext context, String name, TypeInformation<List<T>> lists) {
        return of(context, name, context.createSerializer(lists));
    }

    /** Adds {@code item} to what is filed under {@code time}. */
    public void add(long time, T item) throws Exception {
        Integer count = chunkCounts.get(time);
        int last = count == null ? -1 : count - 1;
        List<T> chunk = last < 0 ? null : chunks.get(Tuple2.of(time, last));
        if (chunk == null || chunk.size() >= CHUNK) {
            chunk = new ArrayList<>(1);
            last++;
            chunkCounts.put(time, last + 1);
        }
        // changed in place: the heap backend hands out a copy of its own while a checkpoint is
        // written, RocksDB a new list at every read
        chunk.add(item);
        chunks.put(Tuple2.of(time, last), chunk);
    }

    /** What is filed under {@code time}, in the order it was filed, and no longer filed; empty when nothing is. */
    public List<T> take(long time) throws Exception {
        List<T> taken = new ArrayList<>();
        List<T> formerList = former.get(time);
        if (formerList != null) {
            taken.addAll(formerList);
            former.remove(time);
        }
        Integer count = chunkCounts.get(time);
        if (count != null) {
            for (int i = 0; i < count; i++) {
                Tuple2<Long, Integer> key = Tuple2.of(time, i);
                List<T> chunk = chunks.get(key);
                if (chunk != null) {
                    taken.addAll(chunk);
                    chunks.remove(key);
                }
            }
            chunkCounts.remove(time);
        }
        return taken;
    }

    /** Everything filed, in the order of its time and, within a time, as it was filed; and no longer filed. */
    public List<T> takeAll() throws Exception {
        TreeSet<Long> times = new TreeSet<>();
        chunkCounts.keys().forEach(times::add);
        former.keys().forEach(times::add);
        List<T> taken = new ArrayList<>();
        for (long time : times) {
            taken.addAll(take(time));
        }
        return taken;
    }

    /** Files nothing under any time any more. */
    public void clear() {
        chunks.clear();
        chunkCounts.clear();
        former.clear();
    }
}
