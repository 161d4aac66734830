package io.outcry.ingest;

/**
 * One platform's record format, turned into canonical posts. A record may hold zero, one or
 * many posts (an X API v2 response carries several), stream control messages and deletions;
 * what cannot be mapped is a dead letter whose reason names the field. Adding a platform is one
 * implementation of this interface, registered in {@link Formats}, plus its fixtures.
 *
 * <p>Implementations never throw on bad input: {@link #map} reports every outcome to
 * {@code out}. One instance reads one stream, in order, on one thread: a format may keep what
 * the stream itself said in earlier records when a later record needs it (Bluesky names a
 * DID's handle once, in an {@code identity} event, for the posts that follow). Such state is
 * bounded, and without it a record still maps, to a post with less in it (the DID for the
 * handle), never to a dead letter.
 */
public interface PlatformFormat {

    /** The name on the command line, e.g. {@code twitter-v1}. */
    String name();

    /**
     * Maps the record in {@code bytes[offset, offset + length)}.
     *
     * @return how many records the bytes held, i.e. how many outcomes were reported: one for a
     *     single status or control message, one per {@code data} and {@code errors} entry of an
     *     X API v2 response. The caller checks it against what arrived in {@code out}.
     */
    int map(byte[] bytes, int offset, int length, Outcomes out);
}
