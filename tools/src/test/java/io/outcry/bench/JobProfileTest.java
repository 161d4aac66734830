package io.outcry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobProfileTest {

    private static volatile long sink;

    @Test
    void attributesATaskThreadsSamplesToItsOperatorChainWhateverItsSubtask(@TempDir Path dir) throws Exception {
        JobProfile profile = JobProfile.start(dir.resolve("job.jfr"));
        Thread[] tasks = new Thread[2];
        for (int i = 0; i < tasks.length; i++) {
            tasks[i] = new Thread(JobProfileTest::spin, "Window by brand -> Window results (" + (i + 1) + "/2)#0");
            tasks[i].start();
        }
        for (Thread task : tasks) {
            task.join();
        }
        JobProfile.Summary summary = profile.stop();

        assertThat(summary.parts()).extracting(JobProfile.Part::name).contains("Window by brand -> Window results")
                .doesNotContain("main");
        JobProfile.Part window = summary.parts().stream()
                .filter(part -> part.name().equals("Window by brand -> Window results")).findFirst().orElseThrow();
        assertThat(window.samples()).isPositive();
        assertThat(window.topMethods()).anySatisfy(method -> assertThat(method).startsWith("JobProfileTest.spin"));
        assertThat(summary.table()).contains("Window by brand -> Window results");
    }

    /** About a second of work, in a method of this project so the profile names it. */
    private static void spin() {
        long end = System.nanoTime() + 1_000_000_000L;
        long x = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                x += i * 31L ^ x >>> 3;
            }
        }
        sink = x;
    }
}
