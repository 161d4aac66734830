package io.outcry.enrich;

import io.outcry.post.Post;

/** Tells where a post was written. */
public interface RegionLocator {

    /** The post's admin-1 region, or {@link Region#UNKNOWN} when it cannot be told. */
    Region locate(Post post);
}
