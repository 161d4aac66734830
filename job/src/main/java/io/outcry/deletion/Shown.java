package io.outcry.deletion;

/**
 * A post that something the job holds or shows names: a window document's examples, a brand's
 * care cases, an alert's examples, a zone's examples.
 *
 * @param postId the post's id
 * @param target what shows it: {@link #WINDOW} with the window document's id, {@link #CARE} with
 *               the brand, {@link #ALERT} with the alert id, {@link #ZONE} with the zone id, as {@code kind + '|' + key}
 * @param time   event time of what shows it, epoch ms
 */
public record Shown(String postId, String target, long time) {

    public static final String WINDOW = "window";
    public static final String CARE = "care";
    public static final String ALERT = "alert";
    public static final String ZONE = "zone";

    public static String target(String kind, String key) {
        return kind + '|' + key;
    }
}
