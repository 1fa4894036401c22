package dev.jailspec.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * GNU bash of a Rocky userland, only as {@code bash -c SCRIPT} with a deliberately tiny
 * language: one simple command, or simple commands joined by {@code &&}; words may be quoted
 * with '...' or "..." (no expansion inside). Builtins: {@code test}, {@code [}, {@code echo},
 * {@code true}, {@code false}. Anything else (pipes, redirections, ';', variables, globs,
 * command substitution...) exits 2 with {@code sim: unsupported shell syntax: ...} on stderr,
 * so a test that needs more fails loudly instead of passing on a guess. A command bash cannot
 * find: {@code bash: line 1: NAME: command not found}, exit 127 [UNVERIFIED: bash 5.1's text for
 * {@code bash -c}, not read in bash's source nor in a Rocky transcript].
 */
final class RockyBash implements SimTool {

    @Override
    public String name() {
        return "bash";
    }

    @Override
    public List<String> paths() {
        return List.of("/usr/bin/bash");
    }

    /** The script could not be parsed by the tiny grammar. */
    private static final class Unsupported extends Exception {
        Unsupported(String why) {
            super(why);
        }
    }

    @Override
    public int run(Invocation inv) throws IOException {
        List<String> a = inv.args();
        if (a.size() < 2 || !a.get(0).equals("-c")) {
            throw new SimUnsupportedException("bash " + String.join(" ", a) + " (only bash -c SCRIPT is simulated)");
        }
        String script = a.get(1);
        List<List<String>> commands;
        try {
            commands = parse(script);
        } catch (Unsupported e) {
            inv.err("sim: unsupported shell syntax: " + e.getMessage() + " in: " + script);
            return 2;
        }
        int status = 0;
        for (List<String> words : commands) {
            status = runOne(inv, words);
            if (status != 0) {
                return status;
            }
        }
        return status;
    }

    private static int runOne(Invocation inv, List<String> words) throws IOException {
        String cmd = words.get(0);
        List<String> args = words.subList(1, words.size());
        switch (cmd) {
            case "true":
                return 0;
            case "false":
                return 1;
            case "echo":
                if (!args.isEmpty() && args.get(0).startsWith("-")) {
                    throw new SimUnsupportedException("bash echo options");
                }
                inv.out(String.join(" ", args));
                return 0;
            case "test":
            case "[":
                return new RockyTest().run(new Invocation(cmd, args, inv.ctx(), inv.out(), inv.stdin(), inv.cwd()));
            default:
                try {
                    return LinuxUserland.exec(inv.ctx(), words, inv.out(), new byte[0], inv.cwd(), SimMachine.PATH);
                } catch (LinuxUserland.ExecError e) {
                    if (e.getMessage().equals(Errno.ENOENT) && !cmd.contains("/")) {
                        inv.err("bash: line 1: " + cmd + ": command not found");
                        return 127;
                    }
                    inv.err("bash: line 1: " + cmd + ": " + e.getMessage());
                    return e.getMessage().equals(Errno.ENOENT) ? 127 : 126;
                }
        }
    }

    /** Splits {@code cmd && cmd ...} into word lists; refuses everything else. */
    static List<List<String>> parse(String script) throws Unsupported {
        List<List<String>> commands = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        int i = 0;
        while (i < script.length()) {
            char c = script.charAt(i);
            if (c == ' ' || c == '\t') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                i++;
            } else if (c == '&' && i + 1 < script.length() && script.charAt(i + 1) == '&') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                if (words.isEmpty()) {
                    throw new Unsupported("'&&' without a command before it");
                }
                commands.add(words);
                words = new ArrayList<>();
                i += 2;
            } else if (c == '\'' || c == '"') {
                int end = script.indexOf(c, i + 1);
                if (end < 0) {
                    throw new Unsupported("an unterminated quote");
                }
                String quoted = script.substring(i + 1, end);
                if (c == '"' && quoted.matches(".*[$`\\\\!].*")) {
                    throw new Unsupported("expansion inside double quotes");
                }
                word = word == null ? new StringBuilder() : word;
                word.append(quoted);
                i = end + 1;
            } else if ("|;&<>()$`\\*?{}~#\n!".indexOf(c) >= 0) {
                throw new Unsupported("'" + c + "'");
            } else if (c == '=' && word != null && words.isEmpty() && word.toString().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new Unsupported("a variable assignment");
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
                i++;
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new Unsupported(commands.isEmpty() ? "an empty script" : "'&&' without a command after it");
        }
        commands.add(words);
        return commands;
    }
}
