package io.outcry.care;

import java.util.List;

/**
 * A brand's care queue as it stood at {@link #asOf}: the cases waiting for a first answer.
 *
 * @param brand            brand id
 * @param asOf             the end of the event-time minute it stands at, epoch ms
 * @param waiting          cases waiting for a first answer (neither answered, expired nor withdrawn)
 * @param waitingWithinSla of which still within their SLA
 * @param waitingPastSla   of which past it
 * @param oldestWaitingAt  when the oldest waiting case opened, epoch ms, or -1 when none waits: to the
 *                         millisecond among the cases within their SLA, to the minute among those past
 *                         it (the queue counts those per minute of opening instead of keeping them)
 * @param nextDue          up to {@link CareQueue#LISTED} cases within their SLA, the soonest deadline first
 * @param latestBreached   up to {@link CareQueue#LISTED} of the cases that passed their SLA unanswered and still
 *                         wait, the latest deadline first
 */
public record BrandQueue(
        String brand,
        long asOf,
        long waiting,
        long waitingWithinSla,
        long waitingPastSla,
        long oldestWaitingAt,
        List<QueuedCase> nextDue,
        List<QueuedCase> latestBreached) {

    public BrandQueue {
        nextDue = List.copyOf(nextDue);
        latestBreached = List.copyOf(latestBreached);
    }
}
