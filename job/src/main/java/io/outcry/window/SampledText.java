package io.outcry.window;

/**
 * A complaint text in a window's sample, ranked by the hash of its post id.
 *
 * @param rank the post id's {@link TextFingerprint#ofId hash}; the smallest ones are kept
 * @param text the post's text
 */
public record SampledText(long rank, String text) {}
