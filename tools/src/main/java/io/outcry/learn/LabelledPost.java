package io.outcry.learn;

/**
 * One row of a labelled CSV, as the evaluation reads it.
 *
 * @param text the post's text, HTML entities decoded
 * @param lang its ISO 639-1 language, or null when the file does not say
 * @param label its gold class, after the label map: what the figures count
 * @param trainingLabel the class a model learns it as: {@code label}, or a part of it that
 *     {@link Dataset.RestSplit} tells apart, such as {@code other (subjective=1)}
 */
public record LabelledPost(String text, String lang, String label, String trainingLabel) {

    /** A post learnt as its gold class. */
    public LabelledPost(String text, String lang, String label) {
        this(text, lang, label, label);
    }
}
