package io.outcry.ingest;

import io.outcry.post.Deletion;
import io.outcry.post.Post;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixture file of {@code src/test/resources/ingest} and everything one adapter made of it,
 * line by line. The fixtures are written to the platforms' published schemas; the ids below are
 * their ground truth (snowflakes of the tweets' times).
 */
final class Fixture implements Outcomes {

    static final String A = "2123849384437698561";
    static final String B = "2123849823820402690";
    static final String C = "2123850664883212291";
    static final String D = "2123851745407225860";
    static final String E = "2123852637288222725";
    static final String F = "2123854573622218758";
    static final String G = "2123855186984652807";
    static final String H = "2123856543196073992";

    final List<Post> posts = new ArrayList<>();
    final List<String> controls = new ArrayList<>();
    final List<Deletion> deletions = new ArrayList<>();
    final List<String> deadLetters = new ArrayList<>();
    final List<String> lines = new ArrayList<>();
    long records;

    static Path path(String name) {
        try {
            return Path.of(Fixture.class.getResource("/ingest/" + name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("fixture " + name + " is not on the test classpath", e);
        }
    }

    static Fixture mapped(PlatformFormat format, String name) {
        Fixture fixture = new Fixture();
        try (InputStream in = JsonLines.open(path(name))) {
            JsonLines.read(in, (bytes, offset, length, number) -> {
                fixture.lines.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
                if (length > 0) {
                    fixture.records += format.map(bytes, offset, length, fixture);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fixture;
    }

    Post post(String id) {
        return posts.stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no post " + id + " among " + posts.stream().map(Post::id).toList()));
    }

    @Override
    public void post(Post post) {
        posts.add(post);
    }

    @Override
    public void control(String kind) {
        controls.add(kind);
    }

    @Override
    public void deletion(Deletion deletion) {
        deletions.add(deletion);
    }

    @Override
    public void deadLetter(String reason) {
        deadLetters.add(reason);
    }
}
