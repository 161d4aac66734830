package io.outcry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JvmThreadCpuTest {

    @Test
    void compilerAndCollectorThreadsAreToldByTheirNames() {
        assertThat(JvmThreadCpu.kindOf("C2 CompilerThre")).isEqualTo(JvmThreadCpu.Kind.JIT);
        assertThat(JvmThreadCpu.kindOf("C1 CompilerThre")).isEqualTo(JvmThreadCpu.Kind.JIT);
        assertThat(JvmThreadCpu.kindOf("GC Thread#1")).isEqualTo(JvmThreadCpu.Kind.GC);
        assertThat(JvmThreadCpu.kindOf("G1 Conc#0")).isEqualTo(JvmThreadCpu.Kind.GC);
        assertThat(JvmThreadCpu.kindOf("G1 Refine#0")).isEqualTo(JvmThreadCpu.Kind.GC);
        // a Flink task thread, cut to 15 characters as /proc shows it
        assertThat(JvmThreadCpu.kindOf("Window by brand")).isEqualTo(JvmThreadCpu.Kind.OTHER);
        assertThat(JvmThreadCpu.kindOf("VM Thread")).isEqualTo(JvmThreadCpu.Kind.OTHER);
    }

    @Test
    void aStatLineIsReadAfterTheThreadsNameWhateverBracketsItHolds() {
        String stat = "4242 (Source: a (b) -) S 1 2 3 4 5 6 7 8 9 10 1234 56 0 0 20 0 80 0 987654 0 0";
        String[] fields = JvmThreadCpu.fields(stat);
        assertThat(JvmThreadCpu.ticks(fields)).isEqualTo(1234 + 56);
        assertThat(fields[19]).as("start time").isEqualTo("987654");
    }
}
