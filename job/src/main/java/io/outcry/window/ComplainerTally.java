package io.outcry.window;

/**
 * One author's original complaints in a window, kept in window state. A mutable POJO so Flink
 * serializes it without Kryo.
 */
public class ComplainerTally {
    /** The author's id {@link TextFingerprint#ofId hash}: who this is, and their voice unless part of a campaign. */
    public long author;

    public String handle;
    public long followers;
    public boolean verified;
    public long posts;
    /** The smallest {@link TextFingerprint} of the author's complaints: the same whatever their order. */
    public long fingerprint;

    public ComplainerTally() {}

    ComplainerTally(long author, String handle, long followers, boolean verified, long fingerprint) {
        this.author = author;
        this.handle = handle;
        this.followers = followers;
        this.verified = verified;
        this.fingerprint = fingerprint;
    }

    /** The same author with nothing counted yet: {@link #add} fills it. */
    ComplainerTally emptyCopy() {
        return new ComplainerTally(author, handle, followers, verified, fingerprint);
    }

    void add(ComplainerTally other) {
        posts += other.posts;
        followers = Math.max(followers, other.followers);
        fingerprint = Math.min(fingerprint, other.fingerprint);
    }
}
