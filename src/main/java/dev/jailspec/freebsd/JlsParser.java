package dev.jailspec.freebsd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the output forms of jls(8) (freebsd-facts 2.4, checked against the libxo jls.c of
 * FreeBSD 14).
 *
 * <ul>
 *   <li>default table: {@code %6d  %-15.15s %-29.29s %.74s}. It cuts the hostname at 29 and the
 *       path at 74 characters and shows only the first IPv4 address (blank when there is none),
 *       so it is for reading transcripts, not for decisions;</li>
 *   <li>{@code -v}: four header lines, then per jail {@code %6d  %-29.29s %.74s},
 *       {@code name state}, {@code cpusetid}, and one line per IP address;</li>
 *   <li>parameter listing ({@code jls [-h] [-q] param...}): values separated by single spaces,
 *       with {@code -h} a first line of the parameter names. Values are quoted only with
 *       {@code -q} (jls.c quoted_print checks PRINT_QUOTED; transcript jls-j/001 prints
 *       {@code a b c} unquoted), without backslash escapes; an empty string prints {@code ""}
 *       (transcript jls-j/002); an empty address list ({@code ip4.addr}, {@code ip6.addr}: no
 *       bytes) prints {@code -}, or {@code ""} with {@code -q} (jls.c special_print, read at
 *       freebsd-src 01021fdd; [UNVERIFIED: unchanged at releng/14.3 and releng/15.0]);</li>
 *   <li>libxo JSON ({@code --libxo json}): {@code {"__version": "2", "jail-information": {"jail": [...]}}}.</li>
 * </ul>
 */
public final class JlsParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERBOSE_INDENT = "        ";
    /** Parameters that are lists of addresses (jls.c special_print, emit_ip_addr_list). */
    private static final Set<String> ADDRESS_LISTS = Set.of("ip4.addr", "ip6.addr");

    private JlsParser() {
    }

    /** The default {@code jls} table. Names are unknown in this form. */
    public static List<JailInfo> parseTable(String stdout) {
        List<JailInfo> out = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.isBlank() || line.stripLeading().startsWith("JID")) {
                continue;
            }
            if (line.length() < 55 || !line.startsWith("  ", 6) || line.charAt(23) != ' ' || line.charAt(53) != ' ') {
                throw new IllegalArgumentException("not a jls table row (%6d  %-15.15s %-29.29s %.74s): " + line);
            }
            String ip = line.substring(8, 23).strip();
            out.add(new JailInfo(jid(line.substring(0, 6), line), Optional.empty(), line.substring(24, 53).strip(),
                    line.substring(54), ip.isEmpty() ? List.of() : List.of(ip), List.of()));
        }
        return out;
    }

    /** {@code jls -v}: names, and every IPv4 and IPv6 address. */
    public static List<JailInfo> parseVerbose(String stdout) {
        List<String> lines = stdout.lines().filter(l -> !l.isBlank()).toList();
        int i = 0;
        if (!lines.isEmpty() && lines.get(0).stripLeading().startsWith("JID")) {
            i = 4; // JID/Hostname/Path, Name/State, CPUSetID, IP Address(es)
        }
        List<JailInfo> out = new ArrayList<>();
        while (i < lines.size()) {
            String first = lines.get(i);
            if (first.length() < 9 || !first.startsWith("  ", 6) || first.startsWith(VERBOSE_INDENT)) {
                throw new IllegalArgumentException("expected a jls -v row (%6d  hostname path): " + first);
            }
            int jid = jid(first.substring(0, 6), first);
            String hostname = first.length() > 37 ? first.substring(8, 37).strip() : first.substring(8).strip();
            String path = first.length() > 38 ? first.substring(38) : "";
            if (i + 2 >= lines.size() || !lines.get(i + 1).startsWith(VERBOSE_INDENT)) {
                throw new IllegalArgumentException("jls -v row for jid " + jid + " lacks its name/state and cpuset lines");
            }
            String nameLine = lines.get(i + 1).substring(VERBOSE_INDENT.length());
            String name = nameLine.length() > 29 ? nameLine.substring(0, 29).strip() : nameLine.strip();
            i += 3; // row, name/state, cpusetid
            List<String> v4 = new ArrayList<>();
            List<String> v6 = new ArrayList<>();
            while (i < lines.size() && lines.get(i).startsWith(VERBOSE_INDENT)) {
                String ip = lines.get(i++).strip();
                (ip.indexOf(':') >= 0 ? v6 : v4).add(ip);
            }
            out.add(new JailInfo(jid, Optional.of(name), hostname, path, v4, v6));
        }
        return out;
    }

    /**
     * A parameter listing ({@code jls [-h] [-q] PARAM...}). A first line equal to the parameter
     * names is the {@code -h} header and is skipped. Without {@code -q}, values are not quoted,
     * so a value with a space can be split reliably only when one parameter was asked for.
     *
     * @param quoted whether jls ran with {@code -q}
     */
    public static List<JlsEntry> parseParameters(String stdout, List<String> params, boolean quoted) {
        List<String> lines = stdout.lines().filter(l -> !l.isEmpty()).toList();
        if (!lines.isEmpty() && lines.get(0).equals(String.join(" ", params))) {
            lines = lines.subList(1, lines.size());
        }
        List<JlsEntry> out = new ArrayList<>();
        for (String line : lines) {
            List<String> values;
            if (quoted) {
                values = splitQuoted(line);
            } else if (params.size() == 1) {
                values = List.of(line);
            } else {
                values = List.of(line.split(" ", -1));
            }
            if (!quoted) {
                values = unquotedValues(values, params);
            }
            if (values.size() != params.size()) {
                throw new IllegalArgumentException("expected " + params.size() + " values for " + params
                        + " but got " + values.size() + (quoted ? "" : " (a value with spaces needs jls -q)")
                        + ": " + line);
            }
            Map<String, String> map = new LinkedHashMap<>();
            for (int k = 0; k < params.size(); k++) {
                map.put(params.get(k), values.get(k));
            }
            out.add(new JlsEntry(map, Map.of()));
        }
        return out;
    }

    /**
     * Without {@code -q}: {@code ""} is the empty string (quoted_print), {@code -} an empty
     * address list (special_print). A string parameter whose value is {@code -} stays {@code -}.
     */
    private static List<String> unquotedValues(List<String> values, List<String> params) {
        if (values.size() != params.size()) {
            return values;
        }
        List<String> out = new ArrayList<>();
        for (int k = 0; k < values.size(); k++) {
            String v = values.get(k);
            boolean emptyList = v.equals("-") && ADDRESS_LISTS.contains(params.get(k));
            out.add(v.equals("\"\"") || emptyList ? "" : v);
        }
        return out;
    }

    /** {@code jls --libxo json [...]}: one entry per element of {@code jail-information.jail}. */
    public static List<JlsEntry> parseJson(String stdout) {
        JsonNode root;
        try {
            root = JSON.readTree(stdout);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("jls --libxo json output is not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode jails = root == null ? null : root.path("jail-information").get("jail");
        if (jails == null || !jails.isArray()) {
            throw new IllegalArgumentException("jls JSON lacks jail-information.jail: " + stdout.strip());
        }
        List<JlsEntry> out = new ArrayList<>();
        for (JsonNode jail : jails) {
            Map<String, String> values = new LinkedHashMap<>();
            Map<String, List<String>> lists = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> f : jail.properties()) {
                if (f.getValue().isContainerNode()) {
                    List<String> items = new ArrayList<>();
                    flatten(f.getValue(), items);
                    lists.put(f.getKey(), items);
                } else {
                    values.put(f.getKey(), f.getValue().asText());
                }
            }
            out.add(new JlsEntry(values, lists));
        }
        return out;
    }

    /**
     * The leaves of an address list. jls.c emits each address as a {@code ql:ipv4_addr} leaf
     * inside the {@code ipv4_addrs} list; a real (2017) sample shows plain strings, and the exact
     * shape from the current libxo is not confirmed (freebsd-facts 8, item 9), so objects holding
     * the addresses are read too.
     */
    private static void flatten(JsonNode node, List<String> out) {
        if (node.isValueNode()) {
            out.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(n -> flatten(n, out));
        } else {
            node.properties().forEach(e -> flatten(e.getValue(), out));
        }
    }

    /**
     * Splits a {@code jls -q} line: values are separated by single spaces; a value with a space
     * or tab is in double quotes, one with a double quote in single quotes, one with a single
     * quote in double quotes; {@code ""} is the empty string. The libxo jls does not escape
     * inside quotes, so a value holding both quote kinds cannot be read back.
     */
    static List<String> splitQuoted(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i <= line.length()) {
            if (i < line.length() && (line.charAt(i) == '"' || line.charAt(i) == '\'')) {
                char q = line.charAt(i);
                int end = line.indexOf(q, i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated " + q + " in jls output: " + line);
                }
                out.add(line.substring(i + 1, end));
                i = end + 1;
                if (i < line.length() && line.charAt(i) != ' ') {
                    throw new IllegalArgumentException("text after a closing quote in jls output: " + line);
                }
            } else {
                int end = line.indexOf(' ', i);
                end = end < 0 ? line.length() : end;
                out.add(line.substring(i, end));
                i = end;
            }
            i++; // the separating space, or past the end
        }
        return out;
    }

    private static int jid(String field, String line) {
        try {
            return Integer.parseInt(field.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("jls jid is not a number in: " + line, e);
        }
    }
}
