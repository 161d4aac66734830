package io.outcry.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The handles of the Bluesky accounts whose DIDs a stream has named lately, least recently used
 * first out. Jetstream sends a handle only in an {@code identity} event, when an account is new
 * or changes it, never with a post; posts give the DID alone. Bounded because a firehose names
 * millions of accounts: an entry takes about 200 bytes (196 measured on the heap after a full GC,
 * {@code did:plc:} DIDs and 20-character handles), 20 MB at {@link #CAPACITY}.
 */
final class BlueskyHandles {

    static final int CAPACITY = 100_000;

    private final Map<String, String> handles;

    BlueskyHandles(int capacity) {
        this.handles = new LinkedHashMap<>(Math.min(capacity, 1 << 12), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The handle of {@code did}, or the DID itself while no handle is known: it names the account as well. */
    String of(String did) {
        String handle = handles.get(did);
        return handle == null ? did : handle;
    }

    /** What an {@code identity} event says; a null handle (none, or {@code handle.invalid}) forgets the old one. */
    void identity(String did, String handle) {
        if (handle == null) {
            handles.remove(did);
        } else {
            handles.put(did, handle);
        }
    }

    /** A handle seen in a mention's text, which clients resolve when they write it; an identity event is fresher. */
    void mentioned(String did, String handle) {
        handles.putIfAbsent(did, handle);
    }
}
