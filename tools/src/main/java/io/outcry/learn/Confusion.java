package io.outcry.learn;

import java.util.List;
import java.util.function.IntToDoubleFunction;

/** Counts of gold class against predicted class, and the figures drawn from them. */
public final class Confusion {

    private final List<String> classes;
    private final long[][] counts;
    private long total;

    public Confusion(List<String> classes) {
        this.classes = List.copyOf(classes);
        this.counts = new long[classes.size()][classes.size()];
    }

    public void add(int gold, int predicted) {
        counts[gold][predicted]++;
        total++;
    }

    public List<String> classes() {
        return classes;
    }

    public long count(int gold, int predicted) {
        return counts[gold][predicted];
    }

    public long total() {
        return total;
    }

    public long support(int c) {
        long sum = 0;
        for (long n : counts[c]) {
            sum += n;
        }
        return sum;
    }

    private long predicted(int c) {
        long sum = 0;
        for (long[] row : counts) {
            sum += row[c];
        }
        return sum;
    }

    public double precision(int c) {
        long predicted = predicted(c);
        return predicted == 0 ? 0 : (double) counts[c][c] / predicted;
    }

    public double recall(int c) {
        long support = support(c);
        return support == 0 ? 0 : (double) counts[c][c] / support;
    }

    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Share of posts whose predicted class is the gold one: micro-averaged P, R and F1 alike. */
    public double accuracy() {
        long right = 0;
        for (int c = 0; c < classes.size(); c++) {
            right += counts[c][c];
        }
        return total == 0 ? 0 : (double) right / total;
    }

    /** Mean F1 of the classes that occur in the gold labels. */
    public double macroF1() {
        return macro(this::f1);
    }

    public double macroPrecision() {
        return macro(this::precision);
    }

    public double macroRecall() {
        return macro(this::recall);
    }

    private double macro(IntToDoubleFunction figure) {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < classes.size(); c++) {
            if (support(c) > 0) {
                sum += figure.applyAsDouble(c);
                present++;
            }
        }
        return present == 0 ? 0 : sum / present;
    }
}
