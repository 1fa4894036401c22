package dev.jailspec.freebsd;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses plain mount(8) output, e.g. {@code devfs on /compat/linux/dev (devfs)} and
 * {@code tmpfs on /compat/linux/dev/shm (tmpfs, local)} (transcripts mount-linux/001,
 * mount-in-jail/001). {@code mount -p} (fstab form) is not parsed: the corpus has no real
 * sample of it.
 */
public final class MountParser {
    private static final Pattern LINE = Pattern.compile("(.+?) on (.+) \\(([^,()]+)((?:, [^,()]+)*)\\)");

    private MountParser() {
    }

    public static List<MountEntry> parse(String stdout) {
        List<MountEntry> out = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a mount line (SOURCE on PATH (TYPE, ...)): " + line);
            }
            List<String> options = m.group(4).isEmpty() ? List.of() : List.of(m.group(4).substring(2).split(", "));
            out.add(new MountEntry(m.group(1), m.group(2), m.group(3), options));
        }
        return out;
    }
}
