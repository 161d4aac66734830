package io.outcry.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import org.junit.jupiter.api.Test;

/** Which test runs start the shared stack early: those with a class that uses it, directly or through a helper of the project. */
class StartLocalStackEarlyTest {

    @Test
    void findsAClassThatCallsLocalStackItselfOrThroughAHelper() {
        assertThat(uses(CallsTheStack.class, 1)).isTrue();
        assertThat(uses(CallsAHelperThatCallsTheStack.class, 1)).isTrue();
    }

    @Test
    void findsNoneInAClassThatDoesNotOrWhoseHelperIsFurtherThanItLooks() {
        assertThat(uses(CallsNoStack.class, 1)).isFalse();
        assertThat(uses(CallsAHelperThatCallsTheStack.class, 0)).isFalse();
        assertThat(uses(CallsAHelperOfAHelper.class, 1)).isFalse();
    }

    private static boolean uses(Class<?> type, int depth) {
        return StartLocalStackEarly.usesLocalStack(type.getName().replace('.', '/'), depth, new HashMap<>());
    }

    static final class CallsTheStack {
        static String broker() {
            return LocalStack.sharedKafka().bootstrapServers();
        }
    }

    static final class CallsAHelperThatCallsTheStack {
        static String broker() {
            return CallsTheStack.broker();
        }
    }

    static final class CallsAHelperOfAHelper {
        static String broker() {
            return CallsAHelperThatCallsTheStack.broker();
        }
    }

    static final class CallsNoStack {
        static String broker() {
            return "127.0.0.1:9092";
        }
    }
}
