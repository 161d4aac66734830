package io.outcry.detect;

/**
 * How one window of a series looked to its detector.
 *
 * @param count      credible complainers (voices) in the window
 * @param expected   what the baseline expected
 * @param score      surprise: {@code -log10} of the count's chance under the baseline, 0 at or below it
 * @param severity   1-10 from observed / expected while an alert is open, 0 otherwise
 * @param transition what this window did to the alert
 * @param open       whether the key's alert is open after this window
 */
public record Observation(double count, double expected, double score, int severity, Transition transition, boolean open) {

    public double ratio() {
        return count / Math.max(expected, 0.5);
    }
}
