package io.outcry.backtest;

import io.outcry.care.BrandResponse;
import io.outcry.detect.AlertEvent;
import io.outcry.simulate.GroundTruth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The measured time to a brand's first public statement against the simulator's truth: for each
 * real incident, its first alert (the matching alert with the earliest onset, as
 * {@link AlertScoring} matches them) and the first statement that alert's documents show, to the
 * second, against the incident's first statement in the ground truth's care section.
 */
public final class StatementScoring {

    private StatementScoring() {}

    /**
     * One real incident.
     *
     * @param truth      the truth of its first statement
     * @param alertId    its first alert, or null when it was not detected
     * @param onset      that alert's onset, epoch ms, or -1
     * @param measuredAt the first statement on that alert's documents, epoch ms, or -1 when none
     * @param measuredId that statement's post id, or null
     * @param affectedReplyAt the brand's first answer to a case linked to that alert, epoch ms, or -1 (none, or care off)
     */
    public record Comparison(GroundTruth.IncidentStatement truth, String alertId, long onset, long measuredAt, String measuredId,
                             long affectedReplyAt) {

        public boolean detected() {
            return alertId != null;
        }

        public boolean truthHasOne() {
            return truth.firstStatementAt() != null;
        }

        /** The same second, or none on both sides. */
        public boolean exact() {
            if (!truthHasOne()) {
                return measuredAt < 0;
            }
            return measuredAt >= 0 && Instant.parse(truth.firstStatementAt()).getEpochSecond() == Math.floorDiv(measuredAt, 1000);
        }
    }

    /**
     * @param events every alert event the job sent to a destination that keeps one document per
     *               event, corrections included: an alert's first statement is the earliest any of them shows
     */
    public static List<Comparison> compare(List<AlertEvent> events, GroundTruth truth) {
        Map<String, AlertEvent> first = new TreeMap<>();
        Map<String, BrandResponse> responses = new TreeMap<>();
        for (AlertEvent event : events) {
            first.merge(event.alertId(), event, (a, b) -> a.sequence() <= b.sequence() ? a : b);
            if (event.response() != null) {
                responses.merge(event.alertId(), event.response(), BrandResponse::merge);
            }
        }
        List<GroundTruth.Incident> real = truth.incidents().stream().filter(i -> !i.noise()).toList();
        List<GroundTruth.IncidentStatement> statements = truth.care().statements();
        List<Comparison> out = new ArrayList<>();
        for (int i = 0; i < real.size(); i++) {
            GroundTruth.Incident incident = real.get(i);
            AlertEvent alert = first.values().stream().filter(a -> AlertScoring.matches(a, incident))
                    .min(Comparator.comparingLong(AlertEvent::onset).thenComparing(AlertEvent::alertId)).orElse(null);
            BrandResponse response = alert == null ? null : responses.getOrDefault(alert.alertId(), BrandResponse.NONE);
            out.add(new Comparison(statements.get(i), alert == null ? null : alert.alertId(), alert == null ? -1 : alert.onset(),
                    response == null || !response.hasStatement() ? -1 : response.firstStatementAt(),
                    response == null ? null : response.firstStatementId(),
                    response == null || !response.hasAffectedReply() ? -1 : response.firstAffectedReplyAt()));
        }
        return out;
    }

    /** One line per incident and a summary line. */
    public static List<String> report(String run, List<Comparison> comparisons) {
        List<String> lines = new ArrayList<>();
        for (Comparison c : comparisons) {
            lines.add(String.format(Locale.ROOT, "  %s %-15s %-8s %-12s start %s  truth %-24s measured %-24s %s", run,
                    c.truth().type(), c.truth().brand(), c.truth().topic(), c.truth().start(),
                    c.truthHasOne() ? c.truth().firstStatementAt() : "none",
                    !c.detected() ? "(not detected)" : c.measuredAt() < 0 ? "none" : Instant.ofEpochMilli(c.measuredAt()).toString(),
                    !c.detected() ? "" : c.exact() ? "exact" : "DIFFERS (alert " + c.alertId() + ")"));
        }
        lines.add(summary(run, comparisons));
        return lines;
    }

    public static String summary(String run, List<Comparison> comparisons) {
        List<Comparison> detected = comparisons.stream().filter(Comparison::detected).toList();
        long withOne = detected.stream().filter(Comparison::truthHasOne).count();
        long exact = detected.stream().filter(c -> c.truthHasOne() && c.exact()).count();
        long absent = detected.stream().filter(c -> !c.truthHasOne() && c.exact()).count();
        List<Long> statementSeconds = detected.stream().filter(c -> c.measuredAt() >= 0)
                .map(c -> (c.measuredAt() - c.onset()) / 1000).sorted().toList();
        List<Long> replySeconds = detected.stream().filter(c -> c.affectedReplyAt() >= 0)
                .map(c -> (c.affectedReplyAt() - c.onset()) / 1000).sorted().toList();
        return String.format(Locale.ROOT, "first statement %s: %d real incidents, %d detected; %d of %d with a statement exact "
                        + "to the second, %d of %d without one measured without one; median %s s from onset to the first "
                        + "statement, %d first alerts with an affected reply, median %s s", run, comparisons.size(), detected.size(),
                exact, withOne, absent, detected.size() - withOne, median(statementSeconds), replySeconds.size(), median(replySeconds));
    }

    /** The lower middle value (nearest rank), or "-" when there is none. */
    private static String median(List<Long> sorted) {
        return sorted.isEmpty() ? "-" : Long.toString(sorted.get((sorted.size() - 1) / 2));
    }
}
