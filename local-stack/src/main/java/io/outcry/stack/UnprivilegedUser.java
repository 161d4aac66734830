package io.outcry.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;

/**
 * Elasticsearch refuses to run as root. When this JVM is root (CI containers), it runs as the
 * system user {@code outcry} instead, created on first use.
 */
final class UnprivilegedUser {

    static final String NAME = "outcry";

    private UnprivilegedUser() {}

    /** Whether this process runs as root, so that children must drop privileges. */
    static boolean needed() throws IOException {
        return "0".equals(output(List.of("id", "-u")));
    }

    /** Creates the user when missing and hands {@code dir} (recursively) over to it. */
    static void prepare(Path dir, Path log) throws IOException {
        if (!exists()) {
            try {
                ChildProcess.run(
                        "Creating system user " + NAME + " (useradd)",
                        List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", NAME),
                        log);
            } catch (IOException e) {
                // Another JVM (a parallel module build) may have created it in the meantime.
                if (!exists()) {
                    throw e;
                }
            }
        }
        ChildProcess.run(
                "Handing " + dir + " to user " + NAME + " (chown)",
                List.of("chown", "-R", NAME + ":", dir.toString()),
                log);
    }

    private static boolean exists() throws IOException {
        return output(List.of("id", "-u", NAME)) != null;
    }

    /** {@code command}, run as the unprivileged user; the environment is kept. */
    static List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", NAME, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * Whether another user can reach {@code dir}: every ancestor must be searchable by others
     * (a work directory under {@code /root} is not).
     */
    static boolean canReach(Path dir) throws IOException {
        for (Path parent = dir.toAbsolutePath().getParent(); parent != null; parent = parent.getParent()) {
            if (!Files.getPosixFilePermissions(parent).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }

    /** The trimmed output of a command that exits with 0, or null when it fails. */
    private static String output(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor() == 0 ? out.trim() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running " + command, e);
        }
    }
}
