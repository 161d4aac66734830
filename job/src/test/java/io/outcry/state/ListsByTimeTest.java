package io.outcry.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListsByTimeTest {

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void handsOutWhatWasFiledUnderATimeInTheOrderFiledAndLeavesNoState(String backend) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, String, String> harness = harness(backend)) {
            List<String> commands = new ArrayList<>();
            IntStream.range(0, 3 * ListsByTime.CHUNK + 5).forEach(i -> commands.add("add 60000 a" + i));
            commands.add("add 120000 b");
            commands.forEach(command -> send(harness, command));

            send(harness, "take 60000");
            send(harness, "take 60000");
            send(harness, "take 120000");

            assertThat(taken(harness)).containsExactly(
                    String.join(",", IntStream.range(0, 3 * ListsByTime.CHUNK + 5).mapToObj(i -> "a" + i).toList()), "", "b");
            assertNoStateLeft(harness, backend);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void aListOfTheFormerLayoutComesFirstAndClearForgetsEverything(String backend) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, String, String> harness = harness(backend)) {
            send(harness, "former 60000 f1,f2");
            send(harness, "add 60000 a1");
            send(harness, "take 60000");
            send(harness, "former 60000 f3");
            send(harness, "add 120000 b");
            send(harness, "clear");
            send(harness, "take 60000");
            send(harness, "take 120000");

            assertThat(taken(harness)).containsExactly("f1,f2,a1", "", "");
            assertNoStateLeft(harness, backend);
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, String, String> harness(String backend) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, String, String> harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new Commands()), command -> "brand", Types.STRING);
        StateBackend state = backend.equals("rocksdb") ? new EmbeddedRocksDBStateBackend() : new HashMapStateBackend();
        harness.setStateBackend(state);
        harness.open();
        return harness;
    }

    /** The heap backend counts its entries; RocksDB's harness cannot, and the empty takes above stand for it. */
    private static void assertNoStateLeft(KeyedOneInputStreamOperatorTestHarness<String, String, String> harness, String backend) {
        if (backend.equals("heap")) {
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, String, String> harness, String command) {
        try {
            harness.processElement(command, 0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> taken(KeyedOneInputStreamOperatorTestHarness<String, String, String> harness) {
        return harness.getOutput().stream().filter(StreamRecord.class::isInstance)
                .map(record -> (String) ((StreamRecord<?>) record).getValue()).toList();
    }

    /** "add time item", "take time" (emits what it took, comma separated), "clear", "former time a,b" (a list as filed before the chunks). */
    private static final class Commands extends KeyedProcessFunction<String, String, String> {

        private transient ListsByTime<String> lists;
        private transient MapState<Long, List<String>> former;

        @Override
        public void open(OpenContext openContext) {
            lists = ListsByTime.of(getRuntimeContext(), "due", Types.LIST(Types.STRING));
            former = getRuntimeContext().getMapState(new MapStateDescriptor<>("due", Types.LONG, Types.LIST(Types.STRING)));
        }

        @Override
        public void processElement(String command, Context ctx, Collector<String> out) throws Exception {
            String[] words = command.split(" ");
            switch (words[0]) {
                case "add" -> lists.add(Long.parseLong(words[1]), words[2]);
                case "take" -> out.collect(String.join(",", lists.take(Long.parseLong(words[1]))));
                case "former" -> former.put(Long.parseLong(words[1]), new ArrayList<>(List.of(words[2].split(","))));
                default -> lists.clear();
            }
        }
    }
}
