package dev.jailspec.freebsd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code route -n get DEST}. Neither freebsd-facts nor the transcript corpus has route or
 * netstat output (SOURCES.md: "netstat -rn inside a jail: not found"), so this follows
 * route.c {@code print_getmsg}: right-aligned labels ({@code "    gateway: %s"},
 * {@code "  interface: %s"}, {@code "      flags: <UP,GATEWAY,DONE,STATIC>"}), then a metrics
 * table. The gateway line is printed only for routes with RTF_GATEWAY. Chosen over
 * {@code netstat -rn} because its labelled lines do not depend on column widths.
 */
public final class RouteParser {
    private static final Pattern FIELD = Pattern.compile("\\s*([a-z ]+): (.*)");

    private RouteParser() {
    }

    public static RouteInfo parseGet(String stdout) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            Matcher m = FIELD.matcher(line);
            if (m.matches()) {
                fields.putIfAbsent(m.group(1).strip(), m.group(2).strip());
            }
        }
        String destination = fields.get("destination");
        if (destination == null) {
            throw new IllegalArgumentException("route get output has no destination line: " + stdout);
        }
        String flags = fields.getOrDefault("flags", "");
        List<String> flagWords = flags.startsWith("<") && flags.endsWith(">") && flags.length() > 2
                ? List.of(flags.substring(1, flags.length() - 1).split(","))
                : List.of();
        return new RouteInfo(destination, Optional.ofNullable(fields.get("gateway")),
                Optional.ofNullable(fields.get("interface")), flagWords);
    }
}
