package io.outcry.model;

import java.util.Arrays;

/**
 * The sparse features of one post: bucket indices and their signed values, filled by
 * {@link HashedFeatures#extract} and reused post after post, so that scoring a post allocates
 * nothing once the arrays have grown to the longest post seen.
 */
public final class FeatureVector {

    int[] indices = new int[512];
    float[] values = new float[512];
    int size;
    /** Scratch for one token's folded characters, between boundary marks. */
    char[] chars = new char[64];

    public int size() {
        return size;
    }

    public int index(int i) {
        return indices[i];
    }

    public float value(int i) {
        return values[i];
    }

    void clear() {
        size = 0;
    }

    void add(int index, float value) {
        if (size == indices.length) {
            reserve(1);
        }
        indices[size] = index;
        values[size] = value;
        size++;
    }

    /** Makes room for {@code more} features beyond {@link #size()}. */
    void reserve(int more) {
        if (size + more > indices.length) {
            int capacity = Math.max(size + more, indices.length * 2);
            indices = Arrays.copyOf(indices, capacity);
            values = Arrays.copyOf(values, capacity);
        }
    }

    /** Scales the values from {@code from} on. */
    void scale(int from, float factor) {
        for (int i = from; i < size; i++) {
            values[i] *= factor;
        }
    }

    /** A compact copy, for training sets kept in memory. */
    public FeatureVector copy() {
        FeatureVector copy = new FeatureVector();
        copy.indices = Arrays.copyOf(indices, size);
        copy.values = Arrays.copyOf(values, size);
        copy.size = size;
        copy.chars = new char[0];
        return copy;
    }
}
