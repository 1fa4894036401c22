package dev.jailspec.freebsd;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the default kldstat(8) table (freebsd-facts 3.2):
 * {@code Id Refs Address                Size Name}, then rows such as
 * {@code  2    3 0xffffffff82649000    b7bd8 linux.ko}. The header is optional, so output piped
 * through grep (transcript kldstat/001) parses too.
 */
public final class KldstatParser {
    private static final Pattern ROW = Pattern.compile("\\s*(\\d+)\\s+(\\d+)\\s+(0x[0-9a-fA-F]+)\\s+([0-9a-fA-F]+)\\s+(\\S+)");

    private KldstatParser() {
    }

    public static List<KldFile> parse(String stdout) {
        List<KldFile> out = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.isBlank() || line.startsWith("Id ")) {
                continue;
            }
            Matcher m = ROW.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a kldstat row (Id Refs Address Size Name): " + line);
            }
            out.add(new KldFile(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3),
                    Long.parseLong(m.group(4), 16), m.group(5)));
        }
        return out;
    }
}
