package io.outcry.simulate;

import io.outcry.simulate.AuthorPool.SimAuthor;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws accounts at random without repeating one until every candidate has been drawn, then
 * starts over. Real incidents draw their authors this way so that every post of theirs counts
 * as one more complaining person, which is what a detector measures. Starting over keeps the
 * most recent half of the candidates blocked, so that a small pool (the residents of a small
 * region) still gives distinct authors within any minute.
 */
final class DistinctAuthors {

    private final List<SimAuthor> candidates;
    private final BitSet used;
    private final ArrayDeque<Integer> recent = new ArrayDeque<>();
    private final int keep;
    private int drawn;

    DistinctAuthors(List<SimAuthor> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no account to draw from");
        }
        this.candidates = candidates;
        this.used = new BitSet(candidates.size());
        this.keep = candidates.size() / 2;
    }

    /** A random candidate; if it was drawn already, the next one in pool order that was not. */
    SimAuthor draw(SplittableRandom random) {
        if (drawn == candidates.size()) {
            startOver();
        }
        int i = used.nextClearBit(random.nextInt(candidates.size()));
        if (i >= candidates.size()) {
            i = used.nextClearBit(0);
        }
        used.set(i);
        drawn++;
        recent.addLast(i);
        if (recent.size() > keep) {
            recent.removeFirst();
        }
        return candidates.get(i);
    }

    private void startOver() {
        used.clear();
        recent.forEach(used::set);
        drawn = recent.size();
    }
}
