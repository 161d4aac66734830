package io.outcry.ingest;

import io.outcry.post.Deletion;
import io.outcry.post.Post;

/** What the records a {@link PlatformFormat} maps turn into: each record reports exactly one outcome. */
public interface Outcomes {

    void post(Post post);

    /**
     * A stream control message that carries no post ({@code limit}, {@code warning}, an X API
     * {@code errors} entry, a keep-alive): counted, never a dead letter.
     *
     * @param kind the message's name as the platform spells it, e.g. {@code limit}
     */
    void control(String kind);

    /** A post removed by its author or the platform; a control message too. */
    void deletion(Deletion deletion);

    /**
     * A record that cannot be mapped; the caller keeps its original bytes.
     *
     * @param reason what is wrong, naming the field, e.g. {@code user.screen_name is missing}
     */
    void deadLetter(String reason);
}
