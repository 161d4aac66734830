package io.outcry.care;

import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * The care metrics per brand, and per brand × topic × region, per tumbling event-time window.
 * Each fact counts at the time it happened: a case when it opened, its answer when the reply
 * was posted, its breach at its deadline, a reply when posted.
 *
 * <p>Facts come stamped at their time plus the lateness the case tracker and the canned-reply
 * marker wait for late posts, each emitted as the watermark reaches its stamp, so none is ever
 * behind a window's watermark: the windows are laid out on the stamps (offset by the lateness),
 * fire once, complete, and are reported in the facts' own time.
 */
public final class CareWindows {

    public static final String UID = "care-windows";
    public static final String NAME = "Care metrics per brand and per brand, topic, region";

    private CareWindows() {}

    /** @param lateness how far the facts' stamps are after their own time */
    public static SingleOutputStreamOperator<CareWindow> aggregate(DataStream<CareFact> facts, Duration size, Duration lateness) {
        return facts
                .keyBy(CareFact::key, TypeInformation.of(CareWindowKey.class))
                .window(TumblingEventTimeWindows.of(size, Duration.ofMillis(lateness.toMillis() % size.toMillis())))
                .aggregate(new Tally(), new Results(lateness.toMillis()),
                        TypeInformation.of(CareAccumulator.class), TypeInformation.of(CareAccumulator.class),
                        TypeInformation.of(CareWindow.class))
                .name(NAME)
                .uid(UID);
    }

    /** Adds facts up; the window function turns the totals into metrics. */
    public static final class Tally implements AggregateFunction<CareFact, CareAccumulator, CareAccumulator> {

        private static final long serialVersionUID = 1L;

        @Override
        public CareAccumulator createAccumulator() {
            return new CareAccumulator();
        }

        @Override
        public CareAccumulator add(CareFact fact, CareAccumulator acc) {
            switch (fact.kind()) {
                case CareFact.REPLY -> {
                    acc.brandReplies++;
                    if (fact.canned()) {
                        acc.cannedReplies++;
                        if (fact.cannedText() != null) {
                            acc.cannedTexts.merge(fact.cannedText(), 1L, Long::sum);
                        }
                    }
                }
                case CareFact.UNMATCHED_REPLY -> acc.unmatchedReplies++;
                default -> {
                    acc.all.add(fact);
                    (fact.incident() ? acc.incident : acc.normal).add(fact);
                }
            }
            return acc;
        }

        @Override
        public CareAccumulator getResult(CareAccumulator acc) {
            return acc;
        }

        @Override
        public CareAccumulator merge(CareAccumulator a, CareAccumulator b) {
            a.all.addAll(b.all);
            a.incident.addAll(b.incident);
            a.normal.addAll(b.normal);
            a.brandReplies += b.brandReplies;
            a.cannedReplies += b.cannedReplies;
            a.unmatchedReplies += b.unmatchedReplies;
            b.cannedTexts.forEach((text, n) -> a.cannedTexts.merge(text, n, Long::sum));
            return a;
        }
    }

    /** The key and window around the totals. */
    public static final class Results extends ProcessWindowFunction<CareAccumulator, CareWindow, CareWindowKey, TimeWindow> {

        private static final long serialVersionUID = 1L;
        private final long latenessMs;

        Results(long latenessMs) {
            this.latenessMs = latenessMs;
        }

        @Override
        public void process(CareWindowKey key, Context context, Iterable<CareAccumulator> totals, Collector<CareWindow> out) {
            CareAccumulator acc = totals.iterator().next();
            // most repeated first; at a tie the alphabetically first text, so a replay picks the same
            String example = acc.cannedTexts.entrySet().stream()
                    .min(Comparator.comparing((Map.Entry<String, Long> e) -> -e.getValue()).thenComparing(Map.Entry::getKey))
                    .map(Map.Entry::getKey).orElse(null);
            out.collect(new CareWindow(key.brand(), key.scope(), key.topic(), key.region(),
                    context.window().getStart() - latenessMs, context.window().getEnd() - latenessMs,
                    CareMetrics.of(acc.all), CareMetrics.of(acc.incident), CareMetrics.of(acc.normal),
                    acc.brandReplies, acc.cannedReplies,
                    acc.brandReplies == 0 ? null : (double) acc.cannedReplies / acc.brandReplies,
                    example, acc.unmatchedReplies));
        }
    }
}
