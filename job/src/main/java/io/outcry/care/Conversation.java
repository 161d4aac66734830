package io.outcry.care;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One conversation's cases in the {@link CaseTracker}'s state, in the order they opened. Most
 * conversations hold one case of a few posts, which a scan of their ids finds; a thread that many customers answer (a brand's post about an
 * outage draws thousands) keeps an index of its posts to their case, built on the first lookup
 * and kept up with each change, so that each of its posts costs the same. The heap backend hands
 * the same object back at every access, so the index lasts; RocksDB reads the conversation anew
 * each time, and builds it again for a big one.
 */
public final class Conversation {

    /** Cases from which a conversation indexes its posts. */
    static final int INDEXED_FROM = 8;

    private final LinkedHashMap<String, CaseState> cases;
    /** Post id to its case's id, or null until a lookup needs it. */
    private Map<String, String> index;

    public Conversation(List<CaseState> cases) {
        this.cases = new LinkedHashMap<>();
        cases.forEach(state -> this.cases.put(state.caseId(), state));
    }

    public Collection<CaseState> cases() {
        return cases.values();
    }

    boolean isEmpty() {
        return cases.isEmpty();
    }

    int size() {
        return cases.size();
    }

    CaseState get(String caseId) {
        return cases.get(caseId);
    }

    /** The id of the case whose thread holds the post, or null. */
    String caseOf(String postId) {
        if (cases.containsKey(postId)) {
            return postId;
        }
        if (index == null && cases.size() >= INDEXED_FROM) {
            index = new HashMap<>();
            cases.forEach((caseId, state) -> state.postIds().forEach(id -> index.put(id, caseId)));
        }
        if (index != null) {
            return index.get(postId);
        }
        for (Map.Entry<String, CaseState> entry : cases.entrySet()) {
            if (entry.getValue().holds(postId)) {
                return entry.getKey();
            }
        }
        return null;
    }

    /** Adds the case, or replaces the one of its id where it stood. */
    void put(CaseState state) {
        String caseId = state.caseId();
        CaseState before = cases.put(caseId, state);
        if (index != null) {
            if (before != null) {
                before.postIds().forEach(index::remove);
            }
            state.postIds().forEach(id -> index.put(id, caseId));
        }
    }

    void remove(String caseId) {
        CaseState removed = cases.remove(caseId);
        if (removed != null && index != null) {
            removed.postIds().forEach(index::remove);
        }
    }

    /** A copy for a checkpoint in progress: the cases are immutable, the index is built again when needed. */
    Conversation copy() {
        return new Conversation(new ArrayList<>(cases.values()));
    }
}
