package io.outcry.care;

import java.util.List;

/**
 * A case the tracker remembers: its latest state and the ids of the posts of its thread, which
 * are forgotten with it.
 */
public record CaseState(CareCase current, List<String> postIds) {}
