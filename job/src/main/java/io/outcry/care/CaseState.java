package io.outcry.care;

import java.util.Arrays;
import java.util.List;

/**
 * A case the tracker remembers: its latest state and the ids of the posts of its thread, which
 * are forgotten with it. Kept as the bytes a checkpoint writes ({@link CaseStateSerializer}'s
 * layout), not as objects: the heap backend writes every case at every checkpoint, for the TTL
 * (7 days), while a case changes a few times in its life. A checkpoint then copies the bytes
 * instead of encoding each case again, and a case takes about a third less heap. Each accessor
 * decodes: read {@link #current()} once per change.
 */
public final class CaseState {

    private final byte[] bytes;

    public CaseState(CareCase current, List<String> postIds) {
        this(CaseStateSerializer.encode(current, postIds));
    }

    private CaseState(byte[] bytes) {
        this.bytes = bytes;
    }

    byte[] bytes() {
        return bytes;
    }

    public CareCase current() {
        return CaseStateSerializer.decodeCase(bytes);
    }

    public String caseId() {
        return CaseStateSerializer.decodeCaseId(bytes);
    }

    public long openedAt() {
        return CaseStateSerializer.decodeOpenedAt(bytes);
    }

    public long slaDeadline() {
        return CaseStateSerializer.decodeSlaDeadline(bytes);
    }

    /** Whether it waits for its first answer within its SLA (status {@code open}). */
    public boolean isOpen() {
        return CaseStateSerializer.decodeIsOpen(bytes);
    }

    /** Whether its thread holds the post. */
    public boolean holds(String postId) {
        return CaseStateSerializer.decodeHolds(bytes, postId);
    }

    public List<String> postIds() {
        return CaseStateSerializer.decodePostIds(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CaseState that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "CaseState[" + current() + ", " + postIds() + "]";
    }
}
