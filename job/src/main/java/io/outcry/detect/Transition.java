package io.outcry.detect;

/** What one window did to a key's alert. */
public enum Transition {
    /** Nothing to report. */
    NONE,
    /** A new alert. */
    OPEN,
    /** The open alert escalated past its peak severity, or is still going after a while. */
    UPDATE,
    /** The anomaly came back during the cooldown: the same alert opens again, no new one. */
    REOPEN,
    /** Calm for long enough: the alert is resolved. */
    RESOLVE,
    /** A late post changed a window the alert already covered. */
    REVISE;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
