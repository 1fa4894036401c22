package dev.jailspec.freebsd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses FreeBSD ifconfig(8) output. A block starts with
 * {@code NAME: flags=HEX<WORDS> metric N mtu N}; detail lines start with a TAB (transcripts
 * ifconfig-bridge/*). Bridge members continue on lines indented by a TAB and spaces, which are
 * skipped. Lines not listed here ({@code options=}, {@code nd6}, STP details, {@code inet6})
 * are ignored.
 */
public final class IfconfigParser {
    private static final Pattern HEADER = Pattern.compile(
            "([^\\s:]+): flags=[0-9a-fA-F]+<([^>]*)>(?: metric \\d+)? mtu (\\d+).*");
    private static final Pattern INET = Pattern.compile(
            "\\tinet (\\S+) netmask (0x[0-9a-fA-F]{8})(?: broadcast (\\S+))?.*");
    private static final Pattern MEMBER = Pattern.compile("\\tmember: (\\S+) flags=[0-9a-fA-F]+<([^>]*)>.*");
    private static final Pattern ETHER = Pattern.compile("\\tether (\\S+).*");
    private static final Pattern DESCRIPTION = Pattern.compile("\\tdescription: (.*)");
    private static final Pattern GROUPS = Pattern.compile("\\tgroups: (.*)");

    private IfconfigParser() {
    }

    /** One interface: {@code ifconfig NAME}. */
    public static InterfaceInfo parse(String stdout) {
        List<InterfaceInfo> all = parseAll(stdout);
        if (all.size() != 1) {
            throw new IllegalArgumentException("expected one interface block, got " + all.size());
        }
        return all.get(0);
    }

    /** Every block, e.g. of {@code ifconfig -a}. */
    public static List<InterfaceInfo> parseAll(String stdout) {
        List<InterfaceInfo> out = new ArrayList<>();
        List<String> block = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith("\t") && !block.isEmpty()) {
                out.add(parseBlock(block));
                block.clear();
            }
            block.add(line);
        }
        if (!block.isEmpty()) {
            out.add(parseBlock(block));
        }
        return out;
    }

    private static InterfaceInfo parseBlock(List<String> lines) {
        Matcher h = HEADER.matcher(lines.get(0));
        if (!h.matches()) {
            throw new IllegalArgumentException("not an ifconfig header (NAME: flags=...<...> ... mtu N): " + lines.get(0));
        }
        Optional<String> ether = Optional.empty();
        Optional<String> description = Optional.empty();
        List<IfconfigInet> inet = new ArrayList<>();
        List<BridgeMember> members = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            Matcher m;
            if ((m = INET.matcher(line)).matches()) {
                inet.add(new IfconfigInet(m.group(1), m.group(2), Optional.ofNullable(m.group(3))));
            } else if ((m = MEMBER.matcher(line)).matches()) {
                members.add(new BridgeMember(m.group(1), words(m.group(2))));
            } else if ((m = ETHER.matcher(line)).matches()) {
                ether = Optional.of(m.group(1));
            } else if ((m = DESCRIPTION.matcher(line)).matches()) {
                description = Optional.of(m.group(1));
            } else if ((m = GROUPS.matcher(line)).matches()) {
                groups.addAll(List.of(m.group(1).strip().split(" ")));
            }
        }
        return new InterfaceInfo(h.group(1), words(h.group(2)), Integer.parseInt(h.group(3)), ether, inet,
                members, description, groups);
    }

    private static List<String> words(String commaSeparated) {
        return commaSeparated.isEmpty() ? List.of() : List.of(commaSeparated.split(","));
    }
}
