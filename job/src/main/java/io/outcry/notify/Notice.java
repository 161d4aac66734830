package io.outcry.notify;

import io.outcry.detect.AlertEvent;

/** An alert event on its way to one destination, before that destination's quiet hours and rate limit judge it. */
public record Notice(String destination, AlertEvent event) {}
