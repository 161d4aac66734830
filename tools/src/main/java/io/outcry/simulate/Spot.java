package io.outcry.simulate;

import io.outcry.locate.Geo;
import io.outcry.post.GeoPoint;
import io.outcry.post.Place;
import io.outcry.post.Post;
import io.outcry.post.PostText;
import io.outcry.simulate.AuthorPool.SimAuthor;
import io.outcry.simulate.Cities.City;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where a post is written and what of it the post shows. In the {@link Profile#CURRENT} regime
 * the author is at home, the text names the home town whenever its template has a place for it,
 * and the geotag is drawn with shares the caller gives; in the {@link Profile#REALISTIC} regime
 * the author is sometimes away, and one of the steps a locator follows ({@link Tag}) is drawn
 * once for the post: coordinates, a platform place, a town in the text, or nothing but the
 * author's profile.
 *
 * @param at  the town the author is in
 * @param tag what the post shows of it, null in the current regime
 */
record Spot(City at, Tag tag) {

    /** The surest thing a realistic post tells of where it was written. */
    enum Tag { COORDINATES, PLACE, TEXT, NONE }

    /** Far enough that a traveller's profile town is the wrong answer for a zone. */
    private static final double TRAVEL_MIN_KM = 100;

    /** The current regime's spot: at home, geotagged with the shares the post is made with. */
    static Spot home(SimAuthor author) {
        return new Spot(author.city(), null);
    }

    /** Where the author writes from: at home, or now and then in a town at least 100 km away. */
    static Spot draw(SimAuthor author, Profile profile, SplittableRandom random) {
        if (profile == Profile.CURRENT) {
            return home(author);
        }
        City home = author.city();
        if (random.nextDouble() >= Profile.TRAVEL_SHARE) {
            return in(home, random);
        }
        GeoPoint from = new GeoPoint(home.lat(), home.lon());
        List<City> far = Cities.REALISTIC.stream()
                .filter(c -> Geo.km(new GeoPoint(c.lat(), c.lon()), from) >= TRAVEL_MIN_KM).toList();
        return in(far.get(random.nextInt(far.size())), random);
    }

    /** A realistic post written in the town. */
    static Spot in(City at, SplittableRandom random) {
        double u = random.nextDouble();
        Tag tag;
        if (u < Profile.COORDINATES_SHARE) {
            tag = Tag.COORDINATES;
        } else if (u < Profile.COORDINATES_SHARE + Profile.PLACE_SHARE) {
            tag = Tag.PLACE;
        } else {
            tag = random.nextDouble() < Profile.TEXT_TOWN_SHARE ? Tag.TEXT : Tag.NONE;
        }
        return new Spot(at, tag);
    }

    /** The town the text names, or null when it must name none. */
    String textTown() {
        return tag == null || tag == Tag.TEXT ? at.name() : null;
    }

    /**
     * The post, answering {@code repliedTo} unless null. In the current regime its geo is the home
     * town: exact coordinates a few km from the centre with the first share, the place only with
     * the second, none otherwise. In the realistic regime the tag decides, and a share of zero (a
     * retweet, a bot, a brand) keeps it bare.
     */
    Post post(String id, long time, SimAuthor author, String text, boolean italian, double coordinatesShare,
              double placeShare, Post repliedTo, String retweetedId, SplittableRandom random) {
        if (tag == null) {
            return FirehoseSimulator.post(id, time, author, text, italian, coordinatesShare, placeShare, repliedTo,
                    retweetedId, random);
        }
        GeoPoint coordinates = null;
        Place place = null;
        if (coordinatesShare + placeShare > 0 && (tag == Tag.COORDINATES || tag == Tag.PLACE)) {
            place = new Place(at.name(), "IT", new GeoPoint(at.lat(), at.lon()));
            if (tag == Tag.COORDINATES) {
                coordinates = FirehoseSimulator.jitter(at, random);
            }
        }
        return new Post(id, "twitter", time, author.author(), text, italian ? "it" : "en", coordinates, place,
                repliedTo == null ? null : repliedTo.id(), null, retweetedId, PostText.mentions(text), PostText.hashtags(text),
                null, FirehoseSimulator.conversation(id, repliedTo));
    }
}
