package io.outcry.post;

/**
 * The account that wrote a post.
 *
 * @param id        platform-unique account id
 * @param handle    screen name without '@', as written
 * @param followers follower count at posting time, never negative
 * @param verified  whether the platform marks the account as verified
 * @param location  the free-text location of the profile, or null
 */
public record Author(String id, String handle, long followers, boolean verified, String location) {}
