package io.outcry.window;

/**
 * A window's totals in two parts: the posts that came on time, which the detectors judge,
 * and the late ones, which only revise. Most windows never get a late post, so the late part
 * stays null and costs nothing. A mutable POJO kept in Flink state.
 */
public class TimedAccumulator {

    public WindowAccumulator onTime = new WindowAccumulator();
    /** Null until a late post comes. */
    public WindowAccumulator late;

    public TimedAccumulator() {}
}
