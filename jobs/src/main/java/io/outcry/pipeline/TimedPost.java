package io.outcry.pipeline;

import io.outcry.post.Post;
import io.outcry.window.Timeliness;

/** A parsed post and whether it came in time, as {@link RouteIngested} told from its partition. */
public record TimedPost(Post post, Timeliness timeliness) {}
