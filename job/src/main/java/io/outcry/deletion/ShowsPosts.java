package io.outcry.deletion;

import java.io.Serializable;
import java.util.List;
import java.util.Set;

/** How a kind of document names posts, and how it reads without some of them. */
public interface ShowsPosts<T> extends Serializable {

    /** Its key within its kind of target (see {@link Shown#target}). */
    String key(T document);

    /** The ids of the posts it shows. */
    List<String> postIds(T document);

    /** The same document without these posts. */
    T without(T document, Set<String> deleted);

    /** Its event time, epoch ms: it is kept for deletions until the watermark passes this plus the horizon. */
    long time(T document);
}
