package io.outcry.learn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints an {@link Evaluation.Report} for people, then as one line of JSON for notes and scripts. */
final class ReportText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportText() {}

    static void print(Evaluation.Report report, String source, double postsPerSecond, PrintWriter out) {
        Confusion all = report.overall();
        out.printf(Locale.ROOT, "%s: %s, %d posts%n%n", source, report.mode(), all.total());
        table(all, out);
        if (report.positiveClass() != null) {
            out.printf(Locale.ROOT, "%n%s-vs-rest: precision %.4f  recall %.4f  F1 %.4f%n", report.positiveClass(),
                    report.positivePrecision(), report.positiveRecall(), report.positiveF1());
        }
        if (report.ranking() != null) {
            Evaluation.Ranking ranking = report.ranking();
            out.printf(Locale.ROOT, "ranking: AUC %.4f; the best threshold for these posts, chosen with their labels, "
                    + "would be %.4f and give F1 %.4f%n", ranking.auc(), ranking.bestThreshold(), ranking.bestF1());
        }
        if (report.byLanguage().size() > 1) {
            for (Map.Entry<String, Confusion> language : report.byLanguage().entrySet()) {
                out.printf(Locale.ROOT, "%nlanguage %s, %d posts%n", language.getKey(), language.getValue().total());
                table(language.getValue(), out);
            }
        }
        out.printf(Locale.ROOT, "%nconfusion matrix (rows gold, columns predicted)%n");
        List<String> classes = all.classes();
        int width = Math.max(8, classes.stream().mapToInt(String::length).max().orElse(8) + 1);
        out.printf(Locale.ROOT, "%-" + width + "s", "");
        for (String label : classes) {
            out.printf(Locale.ROOT, " %" + width + "s", label);
        }
        out.println();
        for (int gold = 0; gold < classes.size(); gold++) {
            out.printf(Locale.ROOT, "%-" + width + "s", classes.get(gold));
            for (int predicted = 0; predicted < classes.size(); predicted++) {
                out.printf(Locale.ROOT, " %" + width + "d", all.count(gold, predicted));
            }
            out.println();
        }
        if (!Double.isNaN(postsPerSecond)) {
            out.printf(Locale.ROOT, "%nthroughput: %,.0f posts/s (tokenising and predicting, one thread)%n", postsPerSecond);
        }
        out.println(json(report, source, postsPerSecond));
        out.flush();
    }

    /**
     * One line per held-out group, then their mean: accuracy, macro F1 and, with a positive
     * class, its F1; then the same as one line of JSON.
     */
    static void printMean(Map<String, Evaluation.Report> reports, String column, PrintWriter out) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("splitColumn", column);
        Map<String, Object> directions = new LinkedHashMap<>();
        double accuracy = 0;
        double macroF1 = 0;
        double positiveF1 = 0;
        double bestF1 = 0;
        for (Map.Entry<String, Evaluation.Report> entry : reports.entrySet()) {
            Evaluation.Report report = entry.getValue();
            accuracy += report.overall().accuracy() / reports.size();
            macroF1 += report.overall().macroF1() / reports.size();
            out.printf(Locale.ROOT, "%s: accuracy %.4f  macro F1 %.4f", report.mode(), report.overall().accuracy(),
                    report.overall().macroF1());
            if (report.positiveClass() != null) {
                positiveF1 += report.positiveF1() / reports.size();
                out.printf(Locale.ROOT, "  %s F1 %.4f", report.positiveClass(), report.positiveF1());
            }
            if (report.ranking() != null) {
                bestF1 += report.ranking().bestF1() / reports.size();
                out.printf(Locale.ROOT, " (AUC %.4f, at most %.4f)", report.ranking().auc(), report.ranking().bestF1());
            }
            out.println();
            directions.put(column + "=" + entry.getKey(), figures(report.overall(), report));
        }
        String positiveClass = reports.values().iterator().next().positiveClass();
        out.printf(Locale.ROOT, "mean of %d: accuracy %.4f  macro F1 %.4f", reports.size(), accuracy, macroF1);
        summary.put("testedOn", directions);
        summary.put("meanAccuracy", round(accuracy));
        summary.put("meanMacroF1", round(macroF1));
        if (positiveClass != null) {
            out.printf(Locale.ROOT, "  %s F1 %.4f", positiveClass, positiveF1);
            summary.put("positiveClass", positiveClass);
            summary.put("meanF1", round(positiveF1));
        }
        if (reports.values().iterator().next().ranking() != null) {
            out.printf(Locale.ROOT, " (at most %.4f with each group's best threshold)", bestF1);
            summary.put("meanBestF1", round(bestF1));
        }
        out.println();
        out.println(json(summary));
        out.flush();
    }

    /**
     * The spread of the positive class's mean F1 over runs of {@link #printMean} that differ
     * only by their seed, and the mean of each group's F1; then the same as one line of JSON.
     */
    static void printRepeats(List<Map<String, Evaluation.Report>> runs, String column, long firstSeed, PrintWriter out) {
        double[] meanF1 = new double[runs.size()];
        Map<String, Double> byGroup = new LinkedHashMap<>();
        for (int run = 0; run < runs.size(); run++) {
            for (Map.Entry<String, Evaluation.Report> entry : runs.get(run).entrySet()) {
                double f1 = entry.getValue().positiveF1();
                meanF1[run] += f1 / runs.get(run).size();
                byGroup.merge(column + "=" + entry.getKey(), f1 / runs.size(), Double::sum);
            }
        }
        double mean = Arrays.stream(meanF1).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(meanF1).map(f -> (f - mean) * (f - mean)).sum() / Math.max(1, runs.size() - 1));
        double min = Arrays.stream(meanF1).min().orElseThrow();
        double max = Arrays.stream(meanF1).max().orElseThrow();
        String positiveClass = runs.get(0).values().iterator().next().positiveClass();
        out.printf(Locale.ROOT, "over %d seeds (%d..%d): mean %s F1 %.4f, sd %.4f, from %.4f to %.4f%n", runs.size(),
                firstSeed, firstSeed + runs.size() - 1, positiveClass, mean, sd, min, max);
        byGroup.forEach((group, f1) -> out.printf(Locale.ROOT, "  tested on %s: mean %s F1 %.4f%n", group, positiveClass, f1));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("splitColumn", column);
        summary.put("seeds", runs.size());
        summary.put("positiveClass", positiveClass);
        summary.put("meanF1", round(mean));
        summary.put("sdF1", round(sd));
        summary.put("minF1", round(min));
        summary.put("maxF1", round(max));
        Map<String, Object> groups = new LinkedHashMap<>();
        byGroup.forEach((group, f1) -> groups.put(group, round(f1)));
        summary.put("meanF1TestedOn", groups);
        out.println(json(summary));
        out.flush();
    }

    private static void table(Confusion confusion, PrintWriter out) {
        List<String> classes = confusion.classes();
        int width = Math.max(12, classes.stream().mapToInt(String::length).max().orElse(12) + 1);
        out.printf(Locale.ROOT, "%-" + width + "s %9s %9s %9s %8s%n", "class", "precision", "recall", "F1", "support");
        for (int c = 0; c < classes.size(); c++) {
            out.printf(Locale.ROOT, "%-" + width + "s %9.4f %9.4f %9.4f %8d%n", classes.get(c),
                    confusion.precision(c), confusion.recall(c), confusion.f1(c), confusion.support(c));
        }
        out.printf(Locale.ROOT, "%-" + width + "s %9.4f %9.4f %9.4f %8d%n", "macro avg",
                confusion.macroPrecision(), confusion.macroRecall(), confusion.macroF1(), confusion.total());
        out.printf(Locale.ROOT, "%-" + width + "s %9.4f %9.4f %9.4f %8d%n", "micro avg",
                confusion.accuracy(), confusion.accuracy(), confusion.accuracy(), confusion.total());
    }

    static String json(Evaluation.Report report, String source, double postsPerSecond) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("source", source);
        summary.put("mode", report.mode());
        summary.putAll(figures(report.overall(), report));
        Map<String, Object> languages = new LinkedHashMap<>();
        report.byLanguage().forEach((lang, confusion) -> languages.put(lang, figures(confusion, report)));
        summary.put("languages", languages);
        summary.put("postsPerSecond", Double.isNaN(postsPerSecond) ? null : Math.round(postsPerSecond));
        return json(summary);
    }

    private static String json(Map<String, Object> summary) {
        try {
            return JSON.writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of numbers and strings always serialises", e);
        }
    }

    private static Map<String, Object> figures(Confusion confusion, Evaluation.Report report) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("posts", confusion.total());
        figures.put("accuracy", round(confusion.accuracy()));
        figures.put("macroF1", round(confusion.macroF1()));
        if (report.positiveClass() != null) {
            int positive = report.positiveIndex();
            figures.put("positiveClass", report.positiveClass());
            figures.put("precision", round(confusion.precision(positive)));
            figures.put("recall", round(confusion.recall(positive)));
            figures.put("f1", round(confusion.f1(positive)));
        }
        if (report.ranking() != null && confusion == report.overall()) {
            figures.put("auc", round(report.ranking().auc()));
            figures.put("bestF1", round(report.ranking().bestF1()));
            figures.put("bestThreshold", round(report.ranking().bestThreshold()));
        }
        return figures;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
