package io.outcry.connectors.webhook;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The deliveries waiting for the sender thread, and the one it is sending. Bounded, and adding
 * never waits: when it is full the oldest waiting delivery makes room, because a late alert is
 * worth less than a fresh one and the pipeline must not stall behind a slow receiver.
 */
final class DeliveryQueue {

    private final int capacity;
    private final ArrayDeque<WebhookDelivery> waiting;
    private WebhookDelivery inFlight;
    private boolean closed;

    DeliveryQueue(int capacity) {
        this.capacity = capacity;
        this.waiting = new ArrayDeque<>(capacity);
    }

    /** Queues a delivery; returns the one dropped to make room, or null. */
    synchronized WebhookDelivery add(WebhookDelivery delivery) {
        WebhookDelivery dropped = waiting.size() == capacity ? waiting.pollFirst() : null;
        waiting.addLast(delivery);
        notifyAll();
        return dropped;
    }

    /** Waits for the next delivery and marks it in flight until {@link #done()}; null once closed. */
    synchronized WebhookDelivery next() throws InterruptedException {
        while (waiting.isEmpty() && !closed) {
            wait();
        }
        if (closed) {
            return null;
        }
        inFlight = waiting.pollFirst();
        return inFlight;
    }

    /** The delivery returned by {@link #next()} is acknowledged or given up. */
    synchronized void done() {
        inFlight = null;
        notifyAll();
    }

    /**
     * Every delivery not yet acknowledged or given up, the one in flight first, in the order
     * they are sent: what a checkpoint must keep, since the elements behind them will not be
     * replayed once it completes.
     */
    synchronized List<WebhookDelivery> unacknowledged() {
        List<WebhookDelivery> pending = new ArrayList<>(waiting.size() + 1);
        if (inFlight != null) {
            pending.add(inFlight);
        }
        pending.addAll(waiting);
        return pending;
    }

    /** Waits until nothing is waiting or in flight; false when {@code timeout} passed first. */
    synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!waiting.isEmpty() || inFlight != null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Stops handing out deliveries; returns how many were still waiting (not the one in flight). */
    synchronized int close() {
        closed = true;
        int abandoned = waiting.size();
        waiting.clear();
        notifyAll();
        return abandoned;
    }
}
