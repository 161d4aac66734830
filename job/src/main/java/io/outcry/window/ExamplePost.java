package io.outcry.window;

import java.util.Comparator;

/**
 * A candidate for a window's example post ids. Examples are the best-ranked posts by
 * {@link #RANKING}, a total order, so the choice never depends on arrival order and a
 * replay yields the same examples.
 *
 * @param postId    the post's id
 * @param complaint complaints rank first: they are what an analyst opens
 * @param followers then the widest-reaching ones
 */
public record ExamplePost(String postId, boolean complaint, long followers) {

    public static final Comparator<ExamplePost> RANKING = Comparator
            .comparing(ExamplePost::complaint).reversed()
            .thenComparing(Comparator.comparingLong(ExamplePost::followers).reversed())
            .thenComparing(ExamplePost::postId);
}
