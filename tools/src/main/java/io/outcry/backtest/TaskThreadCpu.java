package io.outcry.backtest;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CPU time of a local Flink job's task threads, the ones that run operators, apart from the
 * JVM's compiler and garbage-collector threads, whose share of a process's CPU time swings
 * from one run to the next by more than a small operator costs. A task thread ends with its
 * job, so its CPU time is read every few milliseconds while it runs: what a thread spends after
 * its last reading (at most one period) goes uncounted.
 */
final class TaskThreadCpu implements AutoCloseable {

    /** Flink names a task thread after its chain and subtask: {@code A -> B (1/1)#0}. */
    private static final Pattern TASK_THREAD = Pattern.compile(".* \\(\\d+/\\d+\\)#\\d+$");
    private static final long PERIOD_MILLIS = 5;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, Long> lastCpuNanos = new HashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    TaskThreadCpu() {
        if (!threads.isThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure a thread's CPU time");
        }
        threads.setThreadCpuTimeEnabled(true);
        sampler = new Thread(this::sample, "task-thread-cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (running) {
            read();
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void read() {
        for (long id : threads.getAllThreadIds()) {
            String name = names.computeIfAbsent(id, this::nameOf);
            if (name == null || !TASK_THREAD.matcher(name).matches()) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(id);
            if (cpu >= 0) {
                lastCpuNanos.put(id, cpu);
            }
        }
    }

    private String nameOf(long id) {
        ThreadInfo info = threads.getThreadInfo(id);
        return info == null ? null : info.getThreadName();
    }

    /** CPU nanoseconds of all task threads, and of those whose names contain each of {@code operators}. */
    synchronized Reading reading(String... operators) {
        read();
        long all = 0;
        long[] byOperator = new long[operators.length];
        for (Map.Entry<Long, Long> e : lastCpuNanos.entrySet()) {
            all += e.getValue();
            for (int i = 0; i < operators.length; i++) {
                if (names.get(e.getKey()).contains(operators[i])) {
                    byOperator[i] += e.getValue();
                }
            }
        }
        return new Reading(all, byOperator);
    }

    record Reading(long allNanos, long[] operatorNanos) {

        /** CPU spent since {@code before}, all and per operator. */
        Reading minus(Reading before) {
            long[] spent = operatorNanos.clone();
            for (int i = 0; i < spent.length; i++) {
                spent[i] -= before.operatorNanos[i];
            }
            return new Reading(allNanos - before.allNanos, spent);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.interrupt();
        sampler.join();
    }
}
