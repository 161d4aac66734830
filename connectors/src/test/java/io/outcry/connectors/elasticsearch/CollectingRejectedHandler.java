package io.outcry.connectors.elasticsearch;

import io.outcry.connectors.deadletter.DeadLetter;
import java.util.ArrayList;
import java.util.List;

/** Keeps dead letters in memory; for tests running in one JVM thread. */
final class CollectingRejectedHandler implements RejectedDocumentHandler {

    final List<DeadLetter> deadLetters = new ArrayList<>();
    int flushes;
    boolean closed;

    @Override
    public void rejected(DeadLetter deadLetter) {
        deadLetters.add(deadLetter);
    }

    @Override
    public void flush() {
        flushes++;
    }

    @Override
    public void close() {
        closed = true;
    }
}
