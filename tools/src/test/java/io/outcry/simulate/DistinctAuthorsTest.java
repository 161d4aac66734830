package io.outcry.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.outcry.post.Author;
import io.outcry.simulate.AuthorPool.SimAuthor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DistinctAuthorsTest {

    private static final List<SimAuthor> TEN = IntStream.range(0, 10)
            .mapToObj(i -> new SimAuthor(new Author("id" + i, "h" + i, 10, false, null), Cities.ALL.get(0), true)).toList();

    @Test
    void drawsEveryCandidateOnceBeforeRepeatingOne() {
        DistinctAuthors draw = new DistinctAuthors(TEN);
        SplittableRandom random = new SplittableRandom(1);

        List<SimAuthor> first = IntStream.range(0, 10).mapToObj(i -> draw.draw(random)).toList();

        assertThat(first).containsExactlyInAnyOrderElementsOf(TEN);
    }

    @Test
    void neverRepeatsAnyOfTheLastHalfOfItsDrawsWhenItStartsOver() {
        DistinctAuthors draw = new DistinctAuthors(TEN);
        SplittableRandom random = new SplittableRandom(2);
        List<SimAuthor> drawn = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            drawn.add(draw.draw(random));
        }

        for (int i = 0; i + 6 <= drawn.size(); i++) {
            assertThat(drawn.subList(i, i + 6)).as("draws %d..%d", i, i + 5).doesNotHaveDuplicates();
        }
    }
}
