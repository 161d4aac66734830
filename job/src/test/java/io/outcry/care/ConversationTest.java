package io.outcry.care;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationTest {

    private static CaseState state(String caseId, String... later) {
        List<String> ids = new ArrayList<>(List.of(caseId));
        ids.addAll(List.of(later));
        CareCase c = new CareCase("tim", caseId, CareCase.OPENED, 0, 0, "anna", 0, "billing", "IT.09", "it", "question", -1, -1, 0,
                CareCase.OPEN, false, 0, ids.size(), false, false, null, null);
        return new CaseState(c, ids);
    }

    /** The same lookups, changes and removals with few cases (scanned) and many (indexed). */
    @Test
    void aBigConversationsIndexFindsWhatAScanFinds() {
        for (int size : new int[] {2, Conversation.INDEXED_FROM * 4}) {
            Conversation conversation = new Conversation(List.of());
            for (int i = 0; i < size; i++) {
                conversation.put(state("q" + i, "f" + i));
            }
            assertThat(conversation.caseOf("f1")).isEqualTo("q1");
            conversation.put(state("q1", "f1", "g1"));
            conversation.remove("q0");
            assertThat(conversation.caseOf("g1")).as("a joined post, size %d", size).isEqualTo("q1");
            assertThat(conversation.caseOf("f0")).as("a forgotten case's post").isNull();
            assertThat(conversation.caseOf("q0")).isNull();
            conversation.put(state("q1", "g1"));
            assertThat(conversation.caseOf("f1")).as("a post taken out of its thread").isNull();
            assertThat(conversation.cases()).extracting(CaseState::caseId).first().isEqualTo("q1");
            Conversation copy = ConversationSerializer.INSTANCE.copy(conversation);
            assertThat(copy.caseOf("g1")).isEqualTo("q1");
            assertThat(copy.cases()).containsExactlyElementsOf(conversation.cases());
        }
    }
}
