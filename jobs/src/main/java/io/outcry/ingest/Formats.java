package io.outcry.ingest;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The formats {@code outcry ingest} reads, by the name given on the command line. */
public final class Formats {

    /** Every format, in the order the help lists them. */
    public static final List<String> NAMES = List.of(TwitterV1Format.NAME, TwitterV2Format.NAME, MastodonFormat.NAME, CanonicalFormat.NAME);

    private Formats() {}

    /** @throws IllegalArgumentException for a name not in {@link #NAMES} */
    public static PlatformFormat named(String name) {
        return switch (name) {
            case TwitterV1Format.NAME -> new TwitterV1Format();
            case TwitterV2Format.NAME -> new TwitterV2Format();
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
     * {@link #named} with a command's {@code --instance}: Mastodon numbers statuses per instance,
     * so it needs to know which one served them; no other format takes it.
     */
    static PlatformFormat named(CommandSpec spec, String name, String instance) {
        if (instance == null) {
            return named(spec, name);
        }
        if (!name.equals(MastodonFormat.NAME)) {
            throw new ParameterException(spec.commandLine(), "--instance is for " + MastodonFormat.NAME + " only");
        }
        return new MastodonFormat(instance);
    }
}
