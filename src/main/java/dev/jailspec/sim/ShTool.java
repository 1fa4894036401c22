package dev.jailspec.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * /bin/sh as jail(8) and rc use it: {@code sh -c "simple command"} (words and quotes only, no
 * operators or expansions) and {@code sh SCRIPT} for the rc scripts {@code /etc/rc} and
 * {@code /etc/rc.shutdown}, which must exist and whose effects are not simulated. Anything
 * else is a {@link SimUnsupportedException}. jail.conf's {@code exec.start = "/bin/sh /etc/rc"} is the
 * common case (freebsd-facts 2.1, 2.2, 4.2).
 */
final class ShTool implements SimTool {
    private static final Set<String> RC_SCRIPTS = Set.of("/etc/rc", "/etc/rc.shutdown");

    @Override
    public String name() {
        return "sh";
    }

    @Override
    public List<String> paths() {
        return List.of("/bin/sh");
    }

    @Override
    public boolean runsInJail() {
        return true;
    }

    @Override
    public int run(Invocation inv) throws IOException {
        List<String> args = inv.args();
        if (args.isEmpty()) {
            throw new SimUnsupportedException("an interactive sh");
        }
        if (args.get(0).equals("-c")) {
            if (args.size() < 2) {
                inv.err(inv.program() + ": -c: option requires an argument");
                return 2;
            }
            return command(inv, args.get(1));
        }
        if (args.get(0).startsWith("-")) {
            throw new SimUnsupportedException("sh " + args.get(0));
        }
        String script = inv.abs(args.get(0));
        if (!inv.fs().isRegularFile(script)) {
            // sh's error() is prefixed with its argv[0]; a script it cannot open ends it with status 2
            inv.err(inv.program() + ": cannot open " + args.get(0) + ": " + Errno.ENOENT);
            return 2;
        }
        if (RC_SCRIPTS.contains(script)) {
            return 0;
        }
        throw new SimUnsupportedException("running the script " + script);
    }

    private static int command(Invocation inv, String line) throws IOException {
        List<String> words = words(line);
        if (words.isEmpty()) {
            return 0;
        }
        if (words.get(0).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
            throw new SimUnsupportedException("sh -c with variable assignments: " + line);
        }
        try {
            return inv.machine().exec(inv.ctx(), words, inv.out(), inv.stdin(), inv.cwd());
        } catch (ExecNotFoundException e) {
            // find_command() of bin/sh/exec.c
            inv.err(words.get(0) + ": not found");
            return 127;
        }
    }

    /** Splits a simple command as sh does: blanks separate words, quotes group, backslash escapes. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new SimUnsupportedException("sh -c with an unterminated quote: " + line);
                }
                current.append(line, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                int j = i + 1;
                for (; j < line.length() && line.charAt(j) != '"'; j++) {
                    char d = line.charAt(j);
                    if (d == '$' || d == '`') {
                        throw new SimUnsupportedException("sh -c with expansions: " + line);
                    }
                    if (d == '\\' && j + 1 < line.length() && "$`\"\\\n".indexOf(line.charAt(j + 1)) >= 0) {
                        j++;
                    }
                    current.append(line.charAt(j));
                }
                if (j >= line.length()) {
                    throw new SimUnsupportedException("sh -c with an unterminated quote: " + line);
                }
                i = j;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                current.append(line.charAt(++i));
                inWord = true;
            } else if (c == ' ' || c == '\t') {
                if (inWord) {
                    words.add(current.toString());
                    current.setLength(0);
                    inWord = false;
                }
            } else if ("|&;<>()$`*?[]{}~\n#=".indexOf(c) >= 0 && !(c == '=' && inWord) && !(c == '#' && inWord)) {
                throw new SimUnsupportedException("sh -c with shell syntax: " + line);
            } else {
                current.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(current.toString());
        }
        return words;
    }
}
