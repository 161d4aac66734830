package io.outcry.model;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads and writes a {@link LinearModel} as a compact binary file, big-endian
 * ({@link DataOutputStream}):
 *
 * <pre>
 * bytes  "OCLM"                      magic
 * int    4                           format version (3, without stems, and 2, without
 *                                    polarityView either, are read too)
 * int    HashedFeatures.SCHEME       how features were hashed
 * int    bits, minChars, maxChars    the HashedFeatures the model was trained with,
 * bool   wordView, lexicon,          and the views, lexicon feature and stemming it used
 *        polarityView, stems
 * int    k, then k x UTF             the classes, in model order
 * k x    float32                     the biases
 * int    decision class, or -1       the class favoured by a threshold
 * double threshold                   from which that class is predicted
 * int    n                           buckets with a non-zero weight
 * n x    (int bucket, k x float32)   their weights, buckets ascending
 * </pre>
 *
 * Only buckets some training post reached are stored, so a model trained on ten thousand
 * tweets takes a few megabytes whatever its number of buckets. Weights are stored exactly as
 * trained: a model read back predicts exactly as the one written.
 */
public final class ModelFile {

    private static final byte[] MAGIC = {'O', 'C', 'L', 'M'};
    private static final int VERSION = 4;
    /** The format before stems, whose models still read as they were trained. */
    private static final int VERSION_WITHOUT_STEMS = 3;
    /** The format before the polarity view, whose models still read as they were trained. */
    private static final int VERSION_WITHOUT_POLARITY_VIEW = 2;

    private ModelFile() {}

    public static void write(LinearModel model, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(model, out);
        }
    }

    public static void write(LinearModel model, OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 16));
        HashedFeatures features = model.features();
        out.write(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(HashedFeatures.SCHEME);
        out.writeInt(features.bits());
        out.writeInt(features.minChars());
        out.writeInt(features.maxChars());
        out.writeBoolean(features.wordView());
        out.writeBoolean(features.lexicon());
        out.writeBoolean(features.polarityView());
        out.writeBoolean(features.stems());
        int k = model.classes().size();
        out.writeInt(k);
        for (String label : model.classes()) {
            out.writeUTF(label);
        }
        for (float b : model.bias()) {
            out.writeFloat(b);
        }
        out.writeInt(model.decisionClass());
        out.writeDouble(model.threshold());
        float[] weights = model.weights();
        int used = 0;
        for (int bucket = 0; bucket < features.buckets(); bucket++) {
            if (reached(weights, bucket, k)) {
                used++;
            }
        }
        out.writeInt(used);
        for (int bucket = 0; bucket < features.buckets(); bucket++) {
            if (reached(weights, bucket, k)) {
                out.writeInt(bucket);
                for (int c = 0; c < k; c++) {
                    out.writeFloat(weights[bucket * k + c]);
                }
            }
        }
        out.flush();
    }

    public static LinearModel read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads a model from {@code stream}; {@code source} names it in error messages. */
    public static LinearModel read(InputStream stream, String source) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(stream, 1 << 16));
        try {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(source + " is not an Outcry model file (no OCLM header); "
                        + "write one with `outcry train`");
            }
            int version = in.readInt();
            int scheme = in.readInt();
            if (version != VERSION && version != VERSION_WITHOUT_STEMS && version != VERSION_WITHOUT_POLARITY_VIEW
                    || scheme != HashedFeatures.SCHEME) {
                throw new IOException(source + " is a model file of format " + version + ", feature scheme " + scheme
                        + "; this Outcry reads format " + VERSION + ", scheme " + HashedFeatures.SCHEME
                        + ": train the model again with `outcry train`");
            }
            HashedFeatures features;
            try {
                features = new HashedFeatures(in.readInt(), in.readInt(), in.readInt(), in.readBoolean(), in.readBoolean(),
                        version != VERSION_WITHOUT_POLARITY_VIEW && in.readBoolean(), version == VERSION && in.readBoolean());
            } catch (IllegalArgumentException e) {
                throw new IOException(source + ": corrupt feature settings: " + e.getMessage(), e);
            }
            int k = in.readInt();
            if (k < 2 || k > 10_000) {
                throw new IOException(source + ": corrupt model file, " + k + " classes");
            }
            List<String> classes = new ArrayList<>(k);
            for (int c = 0; c < k; c++) {
                classes.add(in.readUTF());
            }
            float[] bias = new float[k];
            for (int c = 0; c < k; c++) {
                bias[c] = in.readFloat();
            }
            int decisionClass = in.readInt();
            double threshold = in.readDouble();
            float[] weights = new float[features.buckets() * k];
            int used = in.readInt();
            if (used < 0 || used > features.buckets()) {
                throw new IOException(source + ": corrupt model file, " + used + " buckets");
            }
            for (int i = 0; i < used; i++) {
                int bucket = in.readInt();
                if (bucket < 0 || bucket >= features.buckets()) {
                    throw new IOException(source + ": corrupt model file, bucket " + bucket + " out of range");
                }
                for (int c = 0; c < k; c++) {
                    weights[bucket * k + c] = in.readFloat();
                }
            }
            try {
                return new LinearModel(features, classes, weights, bias, decisionClass, threshold);
            } catch (IllegalArgumentException e) {
                throw new IOException(source + ": corrupt model file, " + e.getMessage(), e);
            }
        } catch (EOFException e) {
            throw new IOException(source + " ends early: a truncated model file; copy or train it again", e);
        }
    }

    private static boolean reached(float[] weights, int bucket, int k) {
        for (int c = 0; c < k; c++) {
            if (weights[bucket * k + c] != 0) {
                return true;
            }
        }
        return false;
    }
}
