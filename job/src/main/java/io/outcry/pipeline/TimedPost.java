package io.outcry.pipeline;

import io.outcry.post.Post;
import io.outcry.window.Timeliness;

/**
 * A parsed post and whether it came in time, as {@link RouteIngested} told from its partition.
 *
 * @param timeliness    for its window
 * @param inTimeForCare whether customer care can judge it in event-time order: it is less than
 *                      the allowed lateness behind the watermark its partition may have reached,
 *                      the time care waits for late posts
 */
public record TimedPost(Post post, Timeliness timeliness, boolean inTimeForCare) {

    /** A post on time for its window, and so for care. */
    public static TimedPost onTime(Post post) {
        return new TimedPost(post, Timeliness.ON_TIME, true);
    }
}
