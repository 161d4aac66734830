package io.outcry.simulate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;

/**
 * What a simulation run emitted and which incidents it injected: the answer key that
 * detection is evaluated against. Written as JSON with snake_case field names; times are
 * ISO-8601 instants.
 *
 * @param seed                 the run's seed
 * @param start                event time of the first possible post
 * @param end                  event time the run stops at (exclusive)
 * @param totals               how many records of each kind were emitted
 * @param malformedByKind      malformed records by {@link Malformation}, in name order
 * @param incidents            the injected incidents
 * @param care                 the customer care the run simulated, null when it was off
 * @param profile              the regime, {@code current} or {@code realistic} ({@link Profile})
 * @param brandPeakRates       each brand's posts a minute at the evening peak, by brand id
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GroundTruth(
        long seed, String start, String end, Totals totals, SortedMap<String, Long> malformedByKind,
        List<Incident> incidents, Care care, String profile, SortedMap<String, Double> brandPeakRates) {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * @param records   every record, malformed ones included
     * @param posts     original posts (ordinary, influencer and incident posts)
     * @param retweets  retweets
     * @param replies   replies from brands' official accounts
     * @param spam      bot posts
     * @param malformed records the parser rejects
     * @param late      well-formed records emitted 60-180 s after their event time
     */
    public record Totals(long records, long posts, long retweets, long replies, long spam, long malformed, long late) {}

    /**
     * @param type                 {@code complaint_spike}, {@code outage}, {@code retweet_storm}, {@code bot_burst}
     *                             or {@code furious_account}
     * @param noise                true for an event a detector must not alert on (retweet storm, bot burst,
     *                             furious account), false for a real incident
     * @param brand                brand id
     * @param topic                topic id
     * @param regionCode           GeoNames admin-1 code of an outage's region, null otherwise
     * @param regionName           its GeoNames name, null otherwise
     * @param area                 for an outage, where its posts came from; null otherwise, or for an outage that wrote no post
     * @param start                first event time of the incident
     * @param end                  end of the incident (exclusive)
     * @param recoveryPostsUntil   for an outage, until when "it works again" posts follow; null otherwise
     * @param posts                original posts the incident caused (retweets not counted)
     * @param recoveryPosts        "it works again" posts after an outage
     * @param retweets             retweets a retweet storm made; zero otherwise (chance retweets of an
     *                             incident's posts are not counted)
     * @param authors              distinct accounts behind its posts and retweets (an outage's recovery
     *                             posts aside)
     * @param accounts             handles of the accounts behind a noise event (the influencer, the bots,
     *                             the furious account), in posting order; empty for a real incident
     */
    public record Incident(
            String type, boolean noise, String brand, String topic, String regionCode, String regionName, Area area,
            String start, String end, String recoveryPostsUntil, long posts, long recoveryPosts, long retweets,
            long authors, List<String> accounts) {}

    /**
     * Where an outage was, so that a zone can be checked against it by hand: the towns its
     * residents posted from (the simulator's GeoNames city centres), their centre weighted by
     * the outage's posts, and the distance from that centre to the farthest of them.
     *
     * @param centreLat posts-weighted mean latitude of the towns, 5 decimals
     * @param centreLon posts-weighted mean longitude of the towns, 5 decimals
     * @param radiusKm  km from the centre to the farthest town, 1 decimal
     * @param towns     the towns, most posts first
     */
    public record Area(double centreLat, double centreLon, double radiusKm, List<Town> towns) {}

    /** A town an outage's posts came from, at its GeoNames centre, with how many of them (recovery posts aside). */
    public record Town(String name, double lat, double lon, long posts) {}

    /**
     * The customer care of a run: every reply a brand's care account sent (the answer key of
     * canned-reply detection), every question customers addressed to a brand, every customer's
     * reply in a thread, and the counts per brand.
     *
     * @param byBrand   counts per brand id, in id order
     * @param replies   brand replies, in event-time order
     * @param questions questions addressed to a brand, in event-time order
     * @param followUps customers' replies to a brand's reply, in event-time order
     * @param statements per real incident, in the order of {@link GroundTruth#incidents()} less the noise
     *                   events, the brand's first public statement about it (null when the run has
     *                   none for it)
     */
    public record Care(SortedMap<String, BrandCare> byBrand, List<CareReply> replies, List<CareQuestion> questions,
                       List<FollowUp> followUps, List<IncidentStatement> statements) {}

    /**
     * When a brand first spoke up about one of its incidents in public: the first post of its
     * official account at or after the incident's start that is not a reply to a customer. The
     * desk makes one statement for most incidents, some time after they start and within its
     * working hours; an earlier incident's statement of the same brand may come first. For half
     * the outages it also says the service works again 1-10 minutes before the outage ends,
     * while its customers are still offline (a statement too, when it is the first).
     *
     * @param type             the incident's type
     * @param brand            brand id
     * @param topic            topic id
     * @param regionCode       GeoNames admin-1 code of an outage's region, null otherwise
     * @param start            first event time of the incident
     * @param statementId      the post of the statement the desk made about this incident, or null
     * @param firstStatementId the brand's first statement at or after {@code start}, or null
     * @param firstStatementAt its event time, or null
     * @param restoredId       the post saying the service works again, or null
     * @param restoredAt       its event time, or null
     */
    public record IncidentStatement(String type, String brand, String topic, String regionCode, String start,
                                    String statementId, String firstStatementId, String firstStatementAt,
                                    String restoredId, String restoredAt) {}

    /**
     * @param questions          questions customers addressed to the brand
     * @param answered           of them, answered within the run
     * @param unanswered         of them, not answered within the run (never, or only after its end)
     * @param answeredAfterAnHour of the answered, those whose first answer came more than an hour later
     * @param followUps          customers' replies to the brand's replies
     * @param replies            replies the brand's care account sent (to complaints, questions and follow-ups)
     * @param canned             of them, filled-in templates
     * @param personal           of them, written for the case
     */
    public record BrandCare(long questions, long answered, long unanswered, long answeredAfterAnHour, long followUps,
                            long replies, long canned, long personal) {}

    /**
     * @param id        the reply's post id
     * @param brand     brand id
     * @param account   the care account's handle
     * @param customer  the handle it answers
     * @param inReplyTo the post it answers
     * @param answers   {@code complaint}, {@code question} or {@code follow_up}
     * @param createdAt its event time
     * @param canned    whether it is a filled-in template
     * @param template  the template id ({@code brand/lang/n}) when canned, null when personal
     */
    public record CareReply(String id, String brand, String account, String customer, String inReplyTo, String answers,
                            String createdAt, boolean canned, String template) {}

    /**
     * @param id         the question's post id
     * @param brand      brand id
     * @param customer   who asked
     * @param askedAt    its event time
     * @param answeredAt event time of the brand's first answer, null when unanswered within the run
     * @param replyId    that answer's post id, or null
     */
    public record CareQuestion(String id, String brand, String customer, String askedAt, String answeredAt, String replyId) {}

    /**
     * @param id        the customer's post id
     * @param brand     brand id
     * @param customer  who wrote it
     * @param inReplyTo the brand reply it answers
     * @param createdAt its event time
     */
    public record FollowUp(String id, String brand, String customer, String inReplyTo, String createdAt) {}

    public byte[] toJson() {
        try {
            return MAPPER.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("ground truth always serializes", e);
        }
    }

    public void write(Path file) throws IOException {
        MAPPER.writeValue(file.toFile(), this);
    }

    public static GroundTruth read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), GroundTruth.class);
    }
}
