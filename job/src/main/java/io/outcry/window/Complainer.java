package io.outcry.window;

/**
 * An author of original complaints in one window, as the detector sees them.
 *
 * @param handle    screen name without '@'
 * @param followers follower count at posting time, or {@code Author.UNKNOWN_FOLLOWERS}
 * @param verified  whether the platform marks the account as verified
 * @param posts     original complaints the author wrote in the window
 */
public record Complainer(String handle, long followers, boolean verified, long posts) {}
