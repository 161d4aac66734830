package io.outcry.enrich;

import io.outcry.text.TokenizedText;
import io.outcry.text.CatalogException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeywordTopicClassifierTest {

    private static final KeywordTopicClassifier BUNDLED = KeywordTopicClassifier.load((String) null);

    @TempDir
    Path dir;

    private static List<String> topicsOf(String industry, String text) {
        return BUNDLED.classify(TokenizedText.of(text), industry == null ? Set.of() : Set.of(industry));
    }

    @Test
    void bundledTaxonomyKeepsTheTopicIdsTheSimulatorUses() {
        assertThat(BUNDLED.topicIds()).contains(
                "outage", "billing", "customer_service", "app", "delays", "cancellations", "baggage", "delivery");
        assertThat(BUNDLED.industries()).containsExactlyInAnyOrder("telco", "airline", "delivery");
    }

    @Test
    void findsGenericTopicsForEveryIndustryAndForPostsWithoutOne() {
        for (String industry : new String[] {null, "telco", "airline", "delivery", "bank"}) {
            assertThat(topicsOf(industry, "45 minuti in attesa col SERVIZIO CLIENTI")).containsExactly("customer_service");
            assertThat(topicsOf(industry, "Still waiting for my refund, on hold for an hour"))
                    .containsExactly("customer_service", "billing");
            assertThat(topicsOf(industry, "l'app non mi fa fare il login")).containsExactly("app");
            assertThat(topicsOf(industry, "Ennesimo rincaro, prezzi folli")).containsExactly("price");
        }
    }

    @Test
    void findsTelcoTopicsInItalianAndEnglish() {
        assertThat(topicsOf("telco", "La linea NON FUNZIONA da ieri")).containsExactly("outage");
        assertThat(topicsOf("telco", "Disservizio a Milano, senza rete")).containsExactly("outage");
        assertThat(topicsOf("telco", "In casa non prende, copertura pessima")).containsExactly("coverage");
        assertThat(topicsOf("telco", "Bolletta raddoppiata e l'assistenza non risponde"))
                .containsExactly("customer_service", "billing");
        assertThat(topicsOf("telco", "Internet is down again and I was charged twice")).containsExactly("billing", "outage");
        assertThat(topicsOf("telco", "Weak signal everywhere, zero coverage downtown")).containsExactly("coverage");
    }

    @Test
    void findsAirlineTopicsInItalianAndEnglish() {
        assertThat(topicsOf("airline", "Volo in ritardo e poi cancellato, valigia persa"))
                .containsExactly("delays", "cancellations", "baggage");
        assertThat(topicsOf("airline", "Impossibile cambiare la prenotazione, biglietto perso"))
                .containsExactly("booking");
        assertThat(topicsOf("airline", "Equipaggio scortese, la hostess ci ha ignorati")).containsExactly("staff");
        assertThat(topicsOf("airline", "Flight delayed 3 hours and they lost my luggage"))
                .containsExactly("delays", "baggage");
        assertThat(topicsOf("airline", "Cancelled Flightled and no way to rebook")).containsExactly("cancellations");
        assertThat(topicsOf("airline", "The flight attendant was so rude to my mom")).containsExactly("staff");
        assertThat(topicsOf("airline", "Broken seat, no wifi and no legroom")).containsExactly("onboard");
        assertThat(topicsOf("airline", "An hour in the security line at JFK")).containsExactly("airport");
    }

    @Test
    void findsDeliveryTopicsInItalianAndEnglishWithTheNarrowestOne() {
        assertThat(topicsOf("delivery", "Il pacco? Consegna mai arrivata")).containsExactly("delivery");
        assertThat(topicsOf("delivery", "Pacco smarrito da una settimana")).containsExactly("delivery_lost");
        assertThat(topicsOf("delivery", "Il pacco è arrivato rotto")).containsExactly("delivery_damaged");
        assertThat(topicsOf("delivery", "My parcel is a week late, tracking says nothing")).containsExactly("delivery");
        assertThat(topicsOf("delivery", "They lost my package")).containsExactly("delivery_lost");
        assertThat(topicsOf("delivery", "The box arrived damaged")).containsExactly("delivery_damaged");
    }

    @Test
    void aWordMeansTheTopicOfThePostsIndustry() {
        assertThat(topicsOf("airline", "Il volo è in ritardo")).containsExactly("delays");
        assertThat(topicsOf("telco", "Rete down da stamattina")).containsExactly("outage");
        assertThat(topicsOf("airline", "Rete down da stamattina")).containsExactly("other");
        assertThat(topicsOf(null, "Volo cancellato, bagaglio perso")).containsExactly("other");
        assertThat(BUNDLED.classify(TokenizedText.of("Rete down, e il volo è in ritardo"), Set.of("telco", "airline")))
                .containsExactly("outage", "delays");
    }

    @Test
    void unknownIndustriesGetEveryIndustrysTopics() {
        assertThat(BUNDLED.classify(TokenizedText.of("@Ryanair lost my luggage"), null)).containsExactly("baggage");
        assertThat(BUNDLED.classify(TokenizedText.of("senza rete, volo cancellato, pacco smarrito"), null))
                .containsExactly("outage", "cancellations", "delivery_lost");
    }

    @Test
    void matchesWholeWordsOnly() {
        assertThat(topicsOf("telco", "downtown apple happy")).containsExactly("other");
        assertThat(topicsOf("airline", "baggy delayering bookshelf")).containsExactly("other");
    }

    @Test
    void fallsBackToOther() {
        assertThat(topicsOf("telco", "che bella giornata")).containsExactly("other");
        assertThat(topicsOf("airline", "")).containsExactly("other");
    }

    @Test
    void mapsTheAirlineComplaintReasonsToTopics() {
        assertThat(BUNDLED.topicsByLabel()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "Customer Service Issue", "customer_service",
                "Late Flight", "delays",
                "Cancelled Flight", "cancellations",
                "Lost Luggage", "baggage",
                "Damaged Luggage", "baggage",
                "Flight Booking Problems", "booking",
                "Flight Attendant Complaints", "staff",
                "Bad Flight", "onboard",
                "longlines", "airport"));
    }

    @Test
    void letsIndustriesGiveAKeywordDifferentTopicsButNotOneIndustry() throws Exception {
        Path shared = Files.writeString(dir.resolve("shared.yaml"), """
                topics:
                  - {id: delays, industries: [airline], keywords: {en: [late]}}
                  - {id: late_parcel, industries: [delivery], keywords: {en: [late]}}
                """);
        KeywordTopicClassifier classifier = KeywordTopicClassifier.load(shared.toString());
        assertThat(classifier.classify(TokenizedText.of("late again"), Set.of("delivery"))).containsExactly("late_parcel");

        Path clash = Files.writeString(dir.resolve("clash.yaml"), """
                topics:
                  - {id: support, keywords: {en: [late reply]}}
                  - {id: delays, industries: [airline], keywords: {en: [Late Reply]}}
                """);
        assertThatThrownBy(() -> KeywordTopicClassifier.load(clash.toString()))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining(clash.toString())
                .hasMessageContaining("already a keyword of topic 'support' for industry 'airline'");
    }

    @Test
    void rejectsTheReservedOtherABadRefinementAndALabelOfTwoTopics() throws Exception {
        Path other = Files.writeString(dir.resolve("other.yaml"), "topics:\n  - {id: other, keywords: {en: [x]}}\n");
        assertThatThrownBy(() -> KeywordTopicClassifier.load(other.toString()))
                .hasMessageContaining("'other' is reserved");
        Path refines = Files.writeString(dir.resolve("refines.yaml"),
                "topics:\n  - {id: lost, refines: parcel, keywords: {en: [lost]}}\n");
        assertThatThrownBy(() -> KeywordTopicClassifier.load(refines.toString()))
                .hasMessageContaining("'refines' names 'parcel', which is not another topic");
        Path chain = Files.writeString(dir.resolve("chain.yaml"), """
                topics:
                  - {id: a, refines: b, keywords: {en: [x]}}
                  - {id: b, refines: a, keywords: {en: [y]}}
                """);
        assertThatThrownBy(() -> KeywordTopicClassifier.load(chain.toString()))
                .hasMessageContaining("topic #1 'a': refines 'b', which itself refines 'a'");
        Path labels = Files.writeString(dir.resolve("labels.yaml"), """
                topics:
                  - {id: delays, labels: [Late Flight], keywords: {en: [late]}}
                  - {id: slow, labels: [Late Flight], keywords: {en: [slow]}}
                """);
        assertThatThrownBy(() -> KeywordTopicClassifier.load(labels.toString()))
                .hasMessageContaining("label 'Late Flight' already means topic 'delays'");
    }
}
