package io.outcry.deletion;

/**
 * A deleted post to take out of one target (see {@link Shown#target}).
 *
 * @param target kind and key of what shows the post
 * @param postId the deleted post
 * @param time   event time from which it is gone: the deletion's, or later when what shows it came later
 */
public record Removal(String target, String postId, long time) {

    public boolean of(String kind) {
        return target.startsWith(kind) && target.length() > kind.length() && target.charAt(kind.length()) == '|';
    }

    /** The key within its kind: a window document id, a brand, an alert id. */
    public String key() {
        return target.substring(target.indexOf('|') + 1);
    }
}
