package io.outcry.connectors.elasticsearch;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * How long the indices of some templates are kept. Where Elasticsearch has index lifecycle
 * management, the sink installs the policy {@link #policyName()} (delete {@link #deleteAfter()}
 * after an index is created) and references it from those templates; where it has none, the
 * templates go out without it and {@code outcry retention} deletes the old daily indices.
 *
 * <p>The policy's name says its horizon, so it never needs rewriting: a job with another horizon
 * installs and references another policy, and an administrator's edit of a policy is never undone.
 *
 * @param deleteAfter how long after its creation an index is deleted
 * @param templates   the names of the templates whose indices it deletes (daily ones, never an
 *                    index updated in place)
 */
public record Retention(Duration deleteAfter, List<String> templates) implements Serializable {

    public Retention {
        if (deleteAfter == null || deleteAfter.toMillis() <= 0) {
            throw new IllegalArgumentException("retention is " + deleteAfter + "; it must be a positive duration such as 30d");
        }
        templates = List.copyOf(templates);
    }

    /** {@code outcry-delete-after-30d}. */
    public String policyName() {
        return "outcry-delete-after-" + age();
    }

    /** The lifecycle policy, as {@code PUT _ilm/policy/<name>} takes it. */
    public String policyJson() {
        return """
                {"policy": {"_meta": {"managed_by": "outcry", "description": "Deletes an index %s after it was created (outcry run --retention)"},\
                 "phases": {"delete": {"min_age": "%s", "actions": {"delete": {}}}}}}""".formatted(age(), age());
    }

    /** The horizon in Elasticsearch's time units: {@code 30d}. */
    public String age() {
        return timeValue(deleteAfter);
    }

    /** A duration in Elasticsearch's time units, in the largest unit that writes it whole: {@code 30d}, {@code 36h}. */
    public static String timeValue(Duration duration) {
        long millis = duration.toMillis();
        long[] sizes = {Duration.ofDays(1).toMillis(), Duration.ofHours(1).toMillis(), Duration.ofMinutes(1).toMillis(), 1000};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (millis % sizes[i] == 0) {
                return millis / sizes[i] + units[i];
            }
        }
        return millis + "ms";
    }
}
