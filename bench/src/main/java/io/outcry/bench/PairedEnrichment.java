package io.outcry.bench;

import java.io.File;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The enrichment of two builds compared in one JVM: each build's benchmark jar in its own class
 * loader, rounds of 100 passes over the bench's 1,024 posts alternating between them, timed in
 * thread CPU time. On a shared host, other tenants slow the two builds alike within a round, which
 * two JMH runs minutes apart cannot promise. Run it with the builds both ways round: the second
 * build of a pair reads about 1 % slower in an A/A run.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.outcry.bench.PairedEnrichment new.jar old.jar 48
 * </pre>
 */
public final class PairedEnrichment {

    private PairedEnrichment() {}

    private static final class Build {
        private final Object enricher;
        private final MethodHandle enrich;
        private final Object[] posts;

        Build(String jar) throws Throwable {
            ClassLoader loader = new URLClassLoader(new URL[] {new File(jar).toURI().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> config = loader.loadClass("io.outcry.enrich.EnrichmentConfig");
            Object defaults = config.getMethod("defaults").invoke(null);
            Class<?> catalog = loader.loadClass("io.outcry.enrich.CatalogEnricher");
            enricher = catalog.getMethod("load", config).invoke(null, defaults);
            Class<?> postClass = loader.loadClass("io.outcry.post.Post");
            enrich = MethodHandles.lookup().unreflect(loader.loadClass("io.outcry.enrich.Enricher").getMethod("enrich", postClass))
                    .asType(MethodType.methodType(Object.class, Object.class, Object.class));
            Method pool = loader.loadClass("io.outcry.bench.BenchPosts").getDeclaredMethod("pool");
            pool.setAccessible(true);
            posts = ((List<?>) pool.invoke(null)).toArray();
        }
        /** Enriches the pool {@code passes} times; the result's hash bits keep the JIT from dropping the work. */
        long run(int passes) throws Throwable {
            long sink = 0;
            for (int p = 0; p < passes; p++) {
                for (Object post : posts) {
                    sink += enrich.invokeExact(enricher, post).hashCode() & 1;
                }
            }
            return sink;
        }
    }
    public static void main(String[] args) throws Throwable {
        Build a = new Build(args[0]);
        Build b = new Build(args[1]);
        int rounds = Integer.parseInt(args[2]);
        int passes = 100;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 20; i++) {
            sink += a.run(20) + b.run(20);
        }
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            // who goes first alternates, so a round's drift in host speed favours neither
            Build first = r % 2 == 0 ? a : b;
            Build second = first == a ? b : a;
            long t0 = threads.getCurrentThreadCpuTime();
            sink += first.run(passes);
            long t1 = threads.getCurrentThreadCpuTime();
            sink += second.run(passes);
            long t2 = threads.getCurrentThreadCpuTime();
            double aNs = (first == a ? t1 - t0 : t2 - t1) / (passes * 1024.0);
            double bNs = (first == a ? t2 - t1 : t1 - t0) / (passes * 1024.0);
            ratios[r] = bNs / aNs;
            System.out.printf(Locale.ROOT, "round %d: %.2f and %.2f us/post, speed of the first jar over the second %.3f%n",
                    r + 1, aNs / 1000, bNs / 1000, ratios[r]);
        }
        Arrays.sort(ratios);
        double logSum = 0;
        for (double ratio : ratios) {
            logSum += Math.log(ratio);
        }
        System.out.printf(Locale.ROOT, "speed of the first jar over the second: geometric mean %.3f, median %.3f, "
                + "min %.3f, max %.3f (%d)%n", Math.exp(logSum / rounds), ratios[rounds / 2], ratios[0], ratios[rounds - 1], sink & 1);
    }
}
