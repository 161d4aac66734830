package io.outcry.window;

/**
 * What one firing of a window holds, before the key and bounds are added.
 *
 * @param onTime   the posts that came on time ({@link Timeliness#ON_TIME}): what a window is judged on
 * @param withLate every post, late ones included; null when none came late
 */
public record WindowFiring(WindowCounts onTime, WindowCounts withLate) {

    /** Every post of the window. */
    public WindowCounts all() {
        return withLate == null ? onTime : withLate;
    }
}
