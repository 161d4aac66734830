package io.outcry.connectors.elasticsearch;

import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.util.FlinkRuntimeException;
import org.apache.flink.util.function.ThrowingRunnable;

/**
 * The task's mailbox, run by hand: mails wait in a queue until the test runs them, and
 * {@link #yield()} runs the next one. A writer that yields with nothing queued would wait for
 * ever in a task; here it runs the test's {@link #whenIdle} action (an answer arriving, time
 * passing), or fails.
 */
final class QueueMailbox implements MailboxExecutor {

    private final Deque<ThrowingRunnable<? extends Exception>> mails = new ArrayDeque<>();
    private Runnable whenIdle = () -> {
        throw new IllegalStateException("the writer waits for a mail that nothing will send");
    };
    int idleYields;

    void whenIdle(Runnable action) {
        this.whenIdle = action;
    }

    @Override
    public void execute(MailOptions options, ThrowingRunnable<? extends Exception> command, String description,
            Object... args) {
        mails.add(command);
    }

    @Override
    public void yield() {
        if (mails.isEmpty()) {
            idleYields++;
            whenIdle.run();
        }
        tryYield();
    }

    @Override
    public boolean tryYield() {
        ThrowingRunnable<? extends Exception> mail = mails.poll();
        if (mail == null) {
            return false;
        }
        try {
            mail.run();
        } catch (Exception e) {
            throw new FlinkRuntimeException(e);
        }
        return true;
    }

    /** Runs every mail, those the mails add included. */
    void runAll() {
        while (!mails.isEmpty()) {
            tryYield();
        }
    }

    @Override
    public boolean shouldInterrupt() {
        return false;
    }
}
