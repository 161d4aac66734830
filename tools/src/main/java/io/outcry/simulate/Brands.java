package io.outcry.simulate;

import java.util.List;

/**
 * The brands people write about in the simulated firehose, spelled the way the enrichment's
 * brand catalog recognises them.
 */
final class Brands {

    enum Industry {
        TELCO(List.of("outage", "billing", "customer_service", "app"), new double[] {0.30, 0.25, 0.20, 0.15}),
        AIRLINE(List.of("delays", "cancellations", "baggage", "customer_service", "app"), new double[] {0.35, 0.15, 0.20, 0.15, 0.05}),
        DELIVERY(List.of("delivery", "customer_service", "app"), new double[] {0.55, 0.25, 0.10});

        /** Topics a complaint about this industry is about; the weights leave room for complaints with no topic. */
        final List<String> topics;
        final double[] topicWeights;

        Industry(List<String> topics, double[] topicWeights) {
            this.topics = topics;
            this.topicWeights = topicWeights;
        }

        /** Probability that a complaint about this industry is about the topic. */
        double topicShare(String topic) {
            int i = topics.indexOf(topic);
            return i < 0 ? 0 : topicWeights[i];
        }
    }

    /**
     * @param id       the enrichment's brand id
     * @param names    how people write the brand in text
     * @param handle   official account, without '@'
     * @param hashtag  without '#'
     * @param industry what the brand sells
     * @param share    share of brand posts that are about this brand
     * @param followers followers of the official account
     */
    record Brand(String id, List<String> names, String handle, String hashtag, Industry industry, double share,
                 long followers) {}

    static final List<Brand> ALL = List.of(
            new Brand("tim", List.of("TIM", "Telecom Italia"), "tim_official", "tim", Industry.TELCO, 0.17, 612_000),
            new Brand("vodafone", List.of("Vodafone"), "vodafoneit", "vodafone", Industry.TELCO, 0.15, 498_000),
            new Brand("windtre", List.of("WindTre", "Wind Tre"), "windtre", "windtre", Industry.TELCO, 0.13, 254_000),
            new Brand("iliad", List.of("Iliad"), "iliad_italia", "iliad", Industry.TELCO, 0.10, 131_000),
            new Brand("fastweb", List.of("Fastweb"), "fastweb", "fastweb", Industry.TELCO, 0.08, 97_000),
            new Brand("ita_airways", List.of("ITA Airways"), "itaairways", "itaairways", Industry.AIRLINE, 0.10, 183_000),
            new Brand("ryanair", List.of("Ryanair"), "ryanair", "ryanair", Industry.AIRLINE, 0.14, 1_240_000),
            new Brand("poste", List.of("Poste Italiane"), "posteitaliane", "posteitaliane", Industry.DELIVERY, 0.13, 221_000));

    static Brand byId(String id) {
        return ALL.stream().filter(b -> b.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown brand '" + id + "'; known brands: "
                        + ALL.stream().map(Brand::id).toList()));
    }

    private Brands() {}
}
