package io.outcry.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Starts the shared broker and node of {@link LocalStack} in the background as a test run begins,
 * when a test class of the run, or a class of the project it calls, uses {@code LocalStack}: their
 * start-up (20 to 45 s on two cores) then overlaps the tests that run before the first one that
 * needs them, instead of holding that one up. A run without such a class (a unit test run alone)
 * starts nothing. A server that misses its start-up limit beside those tests is tried once more
 * when a test first needs it.
 *
 * <p>Only with the system property {@value #PROPERTY} set to {@code true}, which the build sets
 * for surefire, not failsafe: the integration tests start a Flink cluster first, alone, because
 * its JobManager misses a fixed start-up limit on a starved machine. The modules whose tests use
 * {@code LocalStack} register it in
 * {@code src/test/resources/META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 */
public final class StartLocalStackEarly implements TestExecutionListener {

    static final String PROPERTY = "outcry.stack.start-early";

    /** How a class file names {@code LocalStack}, and the classes of this project. */
    private static final String LOCAL_STACK = LocalStack.class.getName().replace('.', '/');
    private static final String PROJECT = "io/outcry/";

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        if (Boolean.getBoolean(PROPERTY) && anyClassUsesLocalStack(plan)) {
            System.err.println("[local-stack] starting the shared broker and node in the background: a test class of this run uses them");
            LocalStack.startEarly();
        }
    }

    private static boolean anyClassUsesLocalStack(TestPlan plan) {
        Map<String, Integer> checked = new HashMap<>();
        Deque<TestIdentifier> pending = new ArrayDeque<>(plan.getRoots());
        while (!pending.isEmpty()) {
            TestIdentifier test = pending.pop();
            Optional<TestSource> source = test.getSource();
            if (source.isPresent() && source.get() instanceof ClassSource type
                    && usesLocalStack(type.getClassName().replace('.', '/'), 1, checked)) {
                return true;
            }
            pending.addAll(plan.getChildren(test));
        }
        return false;
    }

    /**
     * Whether the class file of {@code internalName} names {@link LocalStack}, or, {@code depth}
     * levels further, a class of this project that it names does (a test's helper that starts the
     * stack, like the dashboards' simulated indices). A class file names every class it calls in
     * its constant pool, as {@code io/outcry/...}.
     */
    static boolean usesLocalStack(String internalName, int depth, Map<String, Integer> checked) {
        // a class already checked as deep needs no second look
        Integer before = checked.put(internalName, depth);
        if (before != null && before >= depth) {
            checked.put(internalName, before);
            return false;
        }
        byte[] bytes = classFile(internalName);
        if (bytes == null) {
            return false;
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (text.contains(LOCAL_STACK)) {
            return true;
        }
        if (depth == 0) {
            return false;
        }
        for (int at = text.indexOf(PROJECT); at >= 0; at = text.indexOf(PROJECT, at + 1)) {
            int end = at;
            while (end < text.length() && inName(text.charAt(end))) {
                end++;
            }
            if (usesLocalStack(text.substring(at, end), depth - 1, checked)) {
                return true;
            }
        }
        return false;
    }

    /** A character of a class name as the constant pool writes it (the project's names are ASCII). */
    private static boolean inName(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$' || c == '/';
    }

    private static byte[] classFile(String internalName) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException unreadable) {
            return null;
        }
    }
}
