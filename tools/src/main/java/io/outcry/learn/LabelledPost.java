package io.outcry.learn;

/**
 * One row of a labelled CSV, as the evaluation reads it.
 *
 * @param text the post's text, HTML entities decoded
 * @param lang its ISO 639-1 language, or null when the file does not say
 * @param label its gold class, after the label map
 */
public record LabelledPost(String text, String lang, String label) {}
