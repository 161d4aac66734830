package io.outcry.connectors.webhook;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The bodies waiting for the sender thread. Bounded, and adding never waits: when it is full
 * the oldest waiting body makes room, because a late alert is worth less than a fresh one and
 * the pipeline must not stall behind a slow receiver.
 */
final class DeliveryQueue {

    private final int capacity;
    private final ArrayDeque<byte[]> waiting;
    private boolean inFlight;
    private boolean closed;

    DeliveryQueue(int capacity) {
        this.capacity = capacity;
        this.waiting = new ArrayDeque<>(capacity);
    }

    /** Queues a body; returns the one dropped to make room, or null. */
    synchronized byte[] add(byte[] body) {
        byte[] dropped = waiting.size() == capacity ? waiting.pollFirst() : null;
        waiting.addLast(body);
        notifyAll();
        return dropped;
    }

    /** Waits for the next body and marks it in flight until {@link #done()}; null once closed. */
    synchronized byte[] next() throws InterruptedException {
        while (waiting.isEmpty() && !closed) {
            wait();
        }
        if (closed) {
            return null;
        }
        inFlight = true;
        return waiting.pollFirst();
    }

    /** The body returned by {@link #next()} is delivered or given up. */
    synchronized void done() {
        inFlight = false;
        notifyAll();
    }

    /** Waits until nothing is waiting or in flight; false when {@code timeout} passed first. */
    synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!waiting.isEmpty() || inFlight) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Stops handing out bodies; returns how many were still waiting (not the one in flight). */
    synchronized int close() {
        closed = true;
        int abandoned = waiting.size();
        waiting.clear();
        notifyAll();
        return abandoned;
    }
}
