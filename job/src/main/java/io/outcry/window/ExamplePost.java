package io.outcry.window;

import java.util.Comparator;

/**
 * A candidate for a window's example posts, with what its alert shows of it. Examples are the
 * best-ranked posts by {@link #RANKING}, a total order, so the choice never depends on arrival
 * order and a replay yields the same examples.
 *
 * <p>Held in the window state of every key, so it holds no more than it must: the text is the
 * post's own string (for a complaint, the one the window's complaint sample already holds), the
 * platform name is interned, and the link is kept only when the platform gave one, since the
 * others are built from the id when the window fires.
 *
 * @param postId    the post's id
 * @param complaint complaints rank first: they are what an analyst opens
 * @param followers then the widest-reaching ones
 * @param createdAt the post's time, epoch ms
 * @param platform  where it was published
 * @param text      the text as published
 * @param url       the platform's own permalink, or null
 */
public record ExamplePost(String postId, boolean complaint, long followers, long createdAt, String platform, String text,
        String url) {

    public static final Comparator<ExamplePost> RANKING = Comparator
            .comparing(ExamplePost::complaint).reversed()
            .thenComparing(Comparator.comparingLong(ExamplePost::followers).reversed())
            .thenComparing(ExamplePost::postId);

    /**
     * The same example sharing one platform string with every other example of that platform.
     * (Examples restored from a savepoint of a version before examples had a platform have none.)
     */
    ExamplePost interned() {
        return platform == null ? this : new ExamplePost(postId, complaint, followers, createdAt, platform.intern(), text, url);
    }
}
