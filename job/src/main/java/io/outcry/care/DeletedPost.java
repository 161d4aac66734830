package io.outcry.care;

/**
 * A post of a brand's care conversations that its author or the platform deleted.
 *
 * @param brand  brand id
 * @param postId the deleted post
 * @param at     event time from which it is gone, epoch ms (never before the post itself)
 */
public record DeletedPost(String brand, String postId, long at) {}
