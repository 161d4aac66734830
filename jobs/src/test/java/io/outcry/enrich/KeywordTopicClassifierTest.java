package io.outcry.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeywordTopicClassifierTest {

    private static final KeywordTopicClassifier BUNDLED = KeywordTopicClassifier.load((String) null);

    @TempDir
    Path dir;

    private static List<String> topicsOf(String text) {
        return BUNDLED.classify(TokenizedText.of(text));
    }

    @Test
    void bundledTaxonomyHasTheTopicIdsTheSimulatorUses() {
        assertThat(BUNDLED.topicIds()).containsExactly(
                "outage", "billing", "customer_service", "app", "delays", "cancellations", "baggage", "delivery");
    }

    @Test
    void findsTopicsInItalianAndEnglishPhrases() {
        assertThat(topicsOf("La linea NON FUNZIONA da ieri")).containsExactly("outage");
        assertThat(topicsOf("Disservizio a Milano, senza rete")).containsExactly("outage");
        assertThat(topicsOf("Internet is down again and I was charged twice")).containsExactly("outage", "billing");
        assertThat(topicsOf("45 minuti in attesa col servizio clienti")).containsExactly("customer_service");
        assertThat(topicsOf("Volo in ritardo e poi cancellato, valigia persa"))
                .containsExactly("delays", "cancellations", "baggage");
        assertThat(topicsOf("l'app non mi fa fare il login")).containsExactly("app");
        assertThat(topicsOf("Il pacco? Consegna mai arrivata")).containsExactly("delivery");
    }

    @Test
    void matchesWholeWordsOnly() {
        assertThat(topicsOf("downtown apple baggy delayering")).containsExactly("other");
    }

    @Test
    void fallsBackToOther() {
        assertThat(topicsOf("che bella giornata")).containsExactly("other");
        assertThat(topicsOf("")).containsExactly("other");
    }

    @Test
    void rejectsAKeywordOfTwoTopicsAndTheReservedOther() throws Exception {
        Path clash = Files.writeString(dir.resolve("clash.yaml"), """
                topics:
                  - {id: outage, keywords: {en: [down]}}
                  - {id: mood, keywords: {en: [Down]}}
                """);
        assertThatThrownBy(() -> KeywordTopicClassifier.load(clash.toString()))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining(clash.toString())
                .hasMessageContaining("already a keyword of topic 'outage'");
        Path other = Files.writeString(dir.resolve("other.yaml"), "topics:\n  - {id: other, keywords: {en: [x]}}\n");
        assertThatThrownBy(() -> KeywordTopicClassifier.load(other.toString()))
                .hasMessageContaining("'other' is reserved");
    }
}
