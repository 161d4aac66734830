package io.outcry.zone;

import io.outcry.state.BufferedType;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * The zones' two stages as the job chains them, under test harnesses: {@link ZoneCells} keyed by
 * brand and cell, its tallies passed on to the {@link ZoneDetector} keyed by brand before the
 * watermark that follows them, as the network does.
 */
final class ZoneStages {

    /** A snapshot of both stages, taken at one checkpoint. */
    record Snapshot(OperatorSubtaskState cells, OperatorSubtaskState detector) {}

    private final ZoneSettings settings;
    private final KeyedOneInputStreamOperatorTestHarness<String, ZonePost, CellTally> cells;
    private final KeyedOneInputStreamOperatorTestHarness<String, CellTally, ZoneEvent> detector;
    private int passedOn;

    ZoneStages(ZoneSettings settings) throws Exception {
        this.settings = settings;
        cells = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ZoneCells(settings)),
                ZoneCells.key(settings), Types.STRING);
        detector = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ZoneDetector(settings)),
                CellTally::brand, Types.STRING);
    }

    void open() throws Exception {
        cells.open();
        detector.open();
    }

    void close() throws Exception {
        cells.close();
        detector.close();
    }

    void initializeState(Snapshot snapshot) throws Exception {
        cells.initializeState(snapshot.cells());
        detector.initializeState(snapshot.detector());
    }

    Snapshot snapshot(long checkpointId, long timestamp) throws Exception {
        return new Snapshot(cells.snapshot(checkpointId, timestamp), detector.snapshot(checkpointId, timestamp));
    }

    void processElement(ZonePost post) throws Exception {
        cells.processElement(new StreamRecord<>(post, post.createdAt()));
    }

    void processWatermark(long watermark) throws Exception {
        cells.processWatermark(watermark);
        List<StreamRecord<? extends CellTally>> tallies = cells.extractOutputStreamRecords();
        for (StreamRecord<? extends CellTally> tally : tallies.subList(passedOn, tallies.size())) {
            detector.processElement(new StreamRecord<>(tally.getValue(), tally.getTimestamp()));
        }
        passedOn = tallies.size();
        detector.processWatermark(watermark);
    }

    List<ZoneEvent> extractOutputValues() {
        return detector.extractOutputValues();
    }

    int numKeyedStateEntries() {
        return cells.numKeyedStateEntries() + detector.numKeyedStateEntries();
    }

    /** The posts of one brand's cell waiting in the first stage, by window start. */
    MapState<Long, List<ZonePost>> waiting(String brand, double lat, double lon) throws Exception {
        KeyedStateBackend<Object> backend = ((AbstractStreamOperator<?>) cells.getOperator()).getKeyedStateBackend();
        backend.setCurrentKey(brand + '|' + Geohash.encode(lat, lon, settings.precision()));
        return backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new MapStateDescriptor<>("pending", Types.LONG, Types.LIST(TypeInformation.of(ZonePost.class))));
    }

    /** The posts waiting in the detector itself, by window start, as a checkpoint from before the tallies held them. */
    MapState<Long, List<ZonePost>> formerlyWaiting(String brand) throws Exception {
        KeyedStateBackend<Object> backend = ((AbstractStreamOperator<?>) detector.getOperator()).getKeyedStateBackend();
        backend.setCurrentKey(brand);
        return backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new MapStateDescriptor<>("pending", Types.LONG, BufferedType.of(Types.LIST(TypeInformation.of(ZonePost.class)))));
    }

    /** What the detector remembers of one brand. */
    BrandZones brandState(String brand) throws Exception {
        KeyedStateBackend<Object> backend = ((AbstractStreamOperator<?>) detector.getOperator()).getKeyedStateBackend();
        backend.setCurrentKey(brand);
        return backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new ValueStateDescriptor<>("zones", TypeInformation.of(BrandZones.class))).value();
    }
}
