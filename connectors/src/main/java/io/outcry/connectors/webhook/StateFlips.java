package io.outcry.connectors.webhook;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds back a delivery that flips its key's state at a receiver that keeps one (PagerDuty: a
 * resolve after a trigger of the same dedup_key, or a trigger after a resolve) until no
 * checkpoint that a restart could restore still holds or replays the delivery before it.
 *
 * <p>Why: after a restart the job replays what came after the checkpoint, and the writer
 * re-sends what the checkpoint held unacknowledged. Resent alone, each delivery is harmless (a
 * second trigger of an open incident, a second resolve of a closed one); but a trigger resent
 * after its resolve went through opens a new incident. So a flip waits until its predecessor
 * was acknowledged (or given up) before a snapshot, and that snapshot's checkpoint completed,
 * which the writer knows when it takes the next one: Flink starts a checkpoint only once the
 * one before has ended (one checkpoint at a time, the default). Deliveries that keep their
 * key's state, and those without a key, go at once.
 *
 * <p>The task thread calls everything but {@link #settled}, which the sender thread calls
 * after the queue let go of a delivery.
 */
final class StateFlips {

    /** The latest delivery of a key, whose settling a flip of that key waits for. */
    private record Last(String state, String id) {}

    /** A delivery waiting for its predecessor, or behind one of its key that waits. */
    private record Held(WebhookDelivery delivery, String predecessor, boolean flip) {}

    /** Snapshots taken by this writer; written by the task thread, read by the sender. */
    private final AtomicLong epoch = new AtomicLong();
    /** Delivery id -> the epoch in which the queue let go of it. */
    private final Map<String, Long> settledIn = new ConcurrentHashMap<>();
    private final Map<String, Last> last = new HashMap<>();
    private final ArrayDeque<Held> held = new ArrayDeque<>();

    /** Whether {@code delivery} may be queued now; if not, it is held until a later {@link #snapshot}. */
    boolean admit(WebhookDelivery delivery) {
        String key = delivery.key();
        if (key == null) {
            return true;
        }
        Last previous = last.put(key, new Last(delivery.state(), delivery.id()));
        boolean flip = previous != null && !previous.state().equals(delivery.state());
        boolean behindHeld = held.stream().anyMatch(h -> key.equals(h.delivery().key()));
        if (behindHeld || flip && !isSettled(previous.id())) {
            held.addLast(new Held(delivery, previous == null ? null : previous.id(), flip));
            return false;
        }
        return true;
    }

    /** Called by the sender thread once the queue let go of a delivery (acknowledged or given up). */
    void settled(WebhookDelivery delivery) {
        if (delivery.key() != null) {
            settledIn.put(delivery.id(), epoch.get());
        }
    }

    /**
     * A snapshot is being taken: call before reading what the queue holds. Returns the held
     * deliveries that may go now, in order, for the caller to queue.
     */
    List<WebhookDelivery> snapshot() {
        long now = epoch.incrementAndGet();
        List<WebhookDelivery> released = new ArrayList<>();
        Set<String> blocked = new HashSet<>();
        for (var it = held.iterator(); it.hasNext(); ) {
            Held h = it.next();
            String key = h.delivery().key();
            if (!blocked.contains(key) && (!h.flip() || isSettled(h.predecessor()))) {
                released.add(h.delivery());
                it.remove();
            } else {
                blocked.add(key);
            }
        }
        forgetSettled(now);
        return released;
    }

    /** What is held, in order: part of the writer's state. */
    List<WebhookDelivery> held() {
        return held.stream().map(Held::delivery).toList();
    }

    /** Everything held, at the end of input, when no restart will replay anything. */
    List<WebhookDelivery> releaseAll() {
        List<WebhookDelivery> all = held();
        held.clear();
        return all;
    }

    /** Whether the sender has let go of this delivery (tests wait on it). */
    boolean letGo(String id) {
        return settledIn.containsKey(id);
    }

    private boolean isSettled(String id) {
        Long in = settledIn.get(id);
        return in != null && in + 2 <= epoch.get();
    }

    /** A key whose latest delivery has settled needs no memory: its next flip may go at once. */
    private void forgetSettled(long now) {
        last.values().removeIf(l -> isSettled(l.id()));
        Set<String> needed = new HashSet<>();
        last.values().forEach(l -> needed.add(l.id()));
        held.forEach(h -> needed.add(h.predecessor()));
        settledIn.keySet().removeIf(id -> !needed.contains(id) && settledIn.get(id) + 2 <= now);
    }
}
