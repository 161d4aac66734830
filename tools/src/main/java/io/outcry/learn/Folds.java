package io.outcry.learn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A split of rows into {@code k} folds for cross-validation. Rows with the same group key
 * (the folded text: retweets and copy-pasted posts) always share a fold, so a model is never
 * tested on a post it was trained on under another row number. Groups are dealt to folds in
 * an order shuffled by a fixed seed.
 */
public final class Folds {

    private final int k;
    private final int[] foldOf;

    private Folds(int k, int[] foldOf) {
        this.k = k;
        this.foldOf = foldOf;
    }

    /** Splits rows whose group keys are {@code groups} (one per row) into {@code k} folds. */
    public static Folds of(List<String> groups, int k, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + k);
        }
        Map<String, List<Integer>> rowsByGroup = new LinkedHashMap<>();
        for (int row = 0; row < groups.size(); row++) {
            rowsByGroup.computeIfAbsent(groups.get(row), g -> new ArrayList<>()).add(row);
        }
        if (rowsByGroup.size() < k) {
            throw new IllegalArgumentException("cannot make " + k + " folds of " + rowsByGroup.size() + " distinct posts");
        }
        List<List<Integer>> shuffled = new ArrayList<>(rowsByGroup.values());
        Random random = new Random(seed);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            shuffled.set(i, shuffled.set(j, shuffled.get(i)));
        }
        int[] foldOf = new int[groups.size()];
        for (int g = 0; g < shuffled.size(); g++) {
            for (int row : shuffled.get(g)) {
                foldOf[row] = g % k;
            }
        }
        return new Folds(k, foldOf);
    }

    public int k() {
        return k;
    }

    public int rows() {
        return foldOf.length;
    }

    /** Rows held out in {@code fold}, ascending. */
    public int[] test(int fold) {
        return rows(fold, true);
    }

    /** Rows of every other fold, ascending. */
    public int[] train(int fold) {
        return rows(fold, false);
    }

    private int[] rows(int fold, boolean in) {
        if (fold < 0 || fold >= k) {
            throw new IndexOutOfBoundsException("fold " + fold + " of " + k);
        }
        int count = 0;
        for (int f : foldOf) {
            if ((f == fold) == in) {
                count++;
            }
        }
        int[] rows = new int[count];
        int next = 0;
        for (int row = 0; row < foldOf.length; row++) {
            if ((foldOf[row] == fold) == in) {
                rows[next++] = row;
            }
        }
        return rows;
    }
}
