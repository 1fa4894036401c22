package dev.jailspec.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * sysrc(8) (freebsd-facts 5.1): query, set, append to, remove from and delete rc.conf(5)
 * variables. Values from {@code /etc/defaults/rc.conf} count as the "before" value of a set
 * (even with {@code -f}); a new variable goes to the first rc.conf file, an existing one is
 * replaced where it was last set; files are written as {@code name="value"} lines.
 */
final class SysrcTool implements SimTool {
    static final String USAGE = "Usage: sysrc [OPTIONS] {name[[+|-]=value] ... | -a | -A | -l | -L [name ...]}\n"
            + "Try `sysrc --help' for more information.";
    private static final Pattern ARG = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:([+-]?=)(.*))?", Pattern.DOTALL);

    @Override
    public String name() {
        return "sysrc";
    }

    @Override
    public List<String> paths() {
        return List.of("/usr/sbin/sysrc");
    }

    @Override
    public int run(Invocation inv) throws IOException {
        Optional<Getopt> parsed = Getopt.parseOrUsage(inv, "sysrc", "aAcdDeE:f:Fhij:lLnNqR:vxX", USAGE);
        if (parsed.isEmpty()) {
            return 1;
        }
        Getopt g = parsed.get();
        g.refuseUnsupported("sysrc", "aAcdDEFhjlLNRvX");
        if (g.operands().isEmpty()) {
            inv.err(USAGE);
            return 1;
        }
        List<String> files = g.has('f') ? g.all('f').stream().map(inv::abs).toList() : RcConf.rcConfFiles(inv.fs());
        Options o = new Options(g.has('n'), g.has('x'), g.has('i'), g.has('q'), g.has('e'));
        int status = 0;
        for (String arg : g.operands()) {
            Matcher m = ARG.matcher(arg);
            if (!m.matches()) {
                // sysrc gives a bad name to sh, whose eval then fails; not modelled
                throw new SimUnsupportedException("sysrc argument that is not name[[+|-]=value]: " + arg);
            }
            if (!run(inv, files, o, m.group(1), m.group(2), m.group(3))) {
                status = 1;
            }
        }
        return status;
    }

    private record Options(boolean valueOnly, boolean delete, boolean ignoreUnknown, boolean quiet, boolean shellSyntax) {
    }

    private static boolean run(Invocation inv, List<String> files, Options o, String name, String op, String value)
            throws IOException {
        List<String> readOrder = new ArrayList<>();
        readOrder.add(RcConf.DEFAULTS);
        readOrder.addAll(files);
        Map<String, String> vars = RcConf.load(inv.fs(), readOrder);
        String before = vars.get(name);
        if (o.delete()) {
            if (op != null) {
                throw new SimUnsupportedException("sysrc -x with an assignment");
            }
            if (before == null) {
                return unknown(inv, o, name);
            }
            for (String f : files) {
                deleteFrom(inv.fs(), f, name);
            }
            return true;
        }
        if (op == null) {
            if (before == null) {
                return unknown(inv, o, name);
            }
            if (o.valueOnly()) {
                inv.out(before);
            } else if (o.shellSyntax()) {
                inv.out(name + "=\"" + before + "\"");
            } else {
                inv.out(name + ": " + before);
            }
            return true;
        }
        if (o.valueOnly()) {
            throw new SimUnsupportedException("sysrc -n with an assignment");
        }
        String old = before == null ? "" : before;
        String updated = switch (op) {
            case "=" -> value;
            case "+=" -> appendWord(old, value);
            default -> removeWord(old, value);
        };
        try {
            set(inv.fs(), files, name, updated);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new SimUnsupportedException("sysrc writing to " + files.get(0) + ", whose directory does not exist");
        }
        if (!o.quiet()) {
            inv.out(name + ": " + old + " -> " + updated);
        }
        return true;
    }

    private static boolean unknown(Invocation inv, Options o, String name) {
        if (o.ignoreUnknown()) {
            return true;
        }
        inv.err("sysrc: unknown variable '" + name + "'");
        return false;
    }

    private static String appendWord(String list, String word) {
        List<String> words = words(list);
        if (!words.contains(word)) {
            words.add(word);
        }
        return String.join(" ", words);
    }

    private static String removeWord(String list, String word) {
        List<String> words = words(list);
        words.removeIf(w -> w.equals(word));
        return String.join(" ", words);
    }

    private static List<String> words(String list) {
        List<String> words = new ArrayList<>(Arrays.asList(list.trim().split("\\s+")));
        words.removeIf(String::isEmpty);
        return words;
    }

    /** Replaces the last assignment in the last file that has one, else appends to the first file. */
    private static void set(SimFileSystem fs, List<String> files, String name, String value) throws IOException {
        String line = name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        for (int i = files.size() - 1; i >= 0; i--) {
            String f = files.get(i);
            if (!fs.isRegularFile(f)) {
                continue;
            }
            String text = fs.readText(f);
            List<RcConf.Assignment> found = RcConf.parse(text).stream().filter(a -> a.name().equals(name)).toList();
            if (!found.isEmpty()) {
                String[] lines = text.split("\n", -1);
                lines[found.get(found.size() - 1).line()] = line;
                fs.writeText(f, String.join("\n", lines));
                return;
            }
        }
        String first = files.get(0);
        String text = fs.isRegularFile(first) ? fs.readText(first) : "";
        if (!text.isEmpty() && !text.endsWith("\n")) {
            text += "\n";
        }
        fs.writeText(first, text + line + "\n");
    }

    private static void deleteFrom(SimFileSystem fs, String file, String name) throws IOException {
        if (!fs.isRegularFile(file)) {
            return;
        }
        String text = fs.readText(file);
        List<Integer> drop = RcConf.parse(text).stream().filter(a -> a.name().equals(name)).map(RcConf.Assignment::line).toList();
        if (drop.isEmpty()) {
            return;
        }
        String[] lines = text.split("\n", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (!drop.contains(i)) {
                sb.append(lines[i]);
                if (i < lines.length - 1) {
                    sb.append('\n');
                }
            }
        }
        fs.writeText(file, sb.toString());
    }
}
