package io.outcry.ingest;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The formats {@code outcry ingest} reads, by the name given on the command line. */
public final class Formats {

    /** Every format, in the order the help lists them. */
    public static final List<String> NAMES = List.of(TwitterV1Format.NAME, TwitterV2Format.NAME, BlueskyJetstreamFormat.NAME,
            MastodonFormat.NAME, CanonicalFormat.NAME);

    private Formats() {}

    /** @throws IllegalArgumentException for a name not in {@link #NAMES} */
    public static PlatformFormat named(String name) {
        return switch (name) {
            case TwitterV1Format.NAME -> new TwitterV1Format();
            case TwitterV2Format.NAME -> new TwitterV2Format();
            case BlueskyJetstreamFormat.NAME -> new BlueskyJetstreamFormat();
            case MastodonFormat.NAME -> new MastodonFormat();
            case CanonicalFormat.NAME -> new CanonicalFormat();
            default -> throw new IllegalArgumentException("unknown format '" + name + "'; choose one of " + String.join(", ", NAMES));
        };
    }

    /** {@link #named} for a command's {@code <format>} parameter: an unknown name is a usage error. */
    static PlatformFormat named(CommandSpec spec, String name) {
        try {
            return named(name);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * {@link #named} with a command's {@code --instance} (the benchmark's): Mastodon numbers
     * statuses per instance, so it needs to know which one served them; no other format takes it.
     */
    static PlatformFormat named(CommandSpec spec, String name, String instance) {
        return named(spec, name, instance, null, null);
    }

    /**
     * {@link #named} with {@code outcry ingest}'s Mastodon options: the instance, and the access
     * token of its streaming API, with a writer for what the stream has to say (a gap filled).
     */
    static PlatformFormat named(CommandSpec spec, String name, String instance, String token, PrintWriter notices) {
        if (instance == null && token == null) {
            return named(spec, name);
        }
        if (!name.equals(MastodonFormat.NAME)) {
            throw new ParameterException(spec.commandLine(),
                    (instance != null ? "--instance is" : "--token-file and --token-env are") + " for " + MastodonFormat.NAME + " only");
        }
        return new MastodonFormat(instance, token, notices);
    }
}
