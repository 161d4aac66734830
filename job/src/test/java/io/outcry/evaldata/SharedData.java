package io.outcry.evaldata;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The evaluation data sets beside the checkout ({@code ../shared/data}: eval only, read in place,
 * never copied into the project). A test that needs one fails when it is missing, so a green
 * run always means the measurements ran; {@code -Doutcry.shared.optional=true} skips them on
 * purpose, for a clone without the data.
 */
public final class SharedData {

    /** Tests run in their module's directory, so the checkout's sibling is two levels up. */
    public static final Path DIRECTORY = Path.of("..", "..", "shared", "data");

    /** NAB's development subset beside the checkout ({@code ../shared/nab}), laid out as a NAB tree. */
    public static final Path NAB = Path.of("..", "..", "shared", "nab");

    /** Set to {@code true} to skip, rather than fail, the tests whose data is missing. */
    public static final String OPTIONAL = "outcry.shared.optional";

    private SharedData() {}

    /** The data set {@code name}, or the test fails (or is skipped, when asked) naming what is missing. */
    public static Path file(String name) {
        return file(DIRECTORY, name);
    }

    /** A file of NAB's tree, or the test fails (or is skipped, when asked) naming what is missing. */
    public static Path nab(String name) {
        return file(NAB, name);
    }

    static Path file(Path directory, String name) {
        Path path = directory.resolve(name);
        if (!Files.isReadable(path)) {
            String missing = path.toAbsolutePath().normalize() + " is missing: the evaluation tests read the shared data beside"
                    + " the checkout (../shared/data); put it there, or pass -D" + OPTIONAL + "=true to skip them";
            if (Boolean.getBoolean(OPTIONAL)) {
                Assumptions.abort(missing);
            }
            fail(missing);
        }
        return path;
    }
}
