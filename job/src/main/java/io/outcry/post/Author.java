package io.outcry.post;

/**
 * The account that wrote a post.
 *
 * @param id        platform-unique account id
 * @param handle    screen name without '@', as written
 * @param followers follower count at posting time, or {@link #UNKNOWN_FOLLOWERS} when the platform
 *                  does not give it (Bluesky, a TWCS export): unknown is not zero, so an unknown
 *                  account is neither low reach nor counted in a reach sum
 * @param verified  whether the platform marks the account as verified
 * @param location  the free-text location of the profile, or null
 */
public record Author(String id, String handle, long followers, boolean verified, String location) {

    /** {@link #followers} of an account whose follower count the platform does not give. */
    public static final long UNKNOWN_FOLLOWERS = -1;
    /** More followers than people: a count past it is broken, and would overflow the reach summed over a window. */
    public static final long MAX_FOLLOWERS = 10_000_000_000L;

    public boolean followersKnown() {
        return followers != UNKNOWN_FOLLOWERS;
    }
}
