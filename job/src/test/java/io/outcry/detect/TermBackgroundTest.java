package io.outcry.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TermBackgroundTest {

    @Test
    void keepsWordsDropsLinksMentionsStopwordsAndNumbers() {
        assertThat(TermBackground.terms("@WindTre senza rete a #Napoli da 40 minuti!!! https://t.co/x dell'app, CHE schifo..."))
                .containsExactly("rete", "napoli", "minuti", "dell'app", "schifo");
    }

    @Test
    void bringsOutTheWordsThatAreNewAgainstTheUsualComplaints() {
        TermBackground background = new TermBackground();
        for (int i = 0; i < 50; i++) {
            background.learn(List.of("servizio clienti pessimo", "bolletta sbagliata servizio pessimo"));
        }
        List<String> alert = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            alert.add("servizio pessimo, senza rete a napoli");
        }

        assertThat(background.standingOut(alert)).startsWith("napoli", "rete").doesNotContain("bolletta", "clienti");
    }
}
