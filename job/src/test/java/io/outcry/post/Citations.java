package io.outcry.post;

import java.util.Arrays;
import java.util.List;

/** Cited posts known by their ids alone, for tests about what cites them rather than what they say. */
public final class Citations {

    private Citations() {}

    public static List<CitedPost> cited(String... ids) {
        return Arrays.stream(ids).map(id -> new CitedPost(id, "twitter", 0, 10, true, "text of " + id,
                "https://x.com/i/status/" + id, "IT.09", "Lombardia", "outage", 0)).toList();
    }
}
