package dev.jailspec.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * getopt(3) as FreeBSD's libc does it: options end at the first operand or at {@code --}, an
 * option that takes an argument takes the rest of its word or the next word (lib/libc/stdlib/getopt.c
 * [UNVERIFIED: not read here; the behaviour getopt(3) documents]).
 */
final class Getopt {

    record Opt(char name, String arg) {
    }

    /** An option getopt(3) rejects; {@code missingArgument} tells which of its two errors it is. */
    static final class GetoptException extends Exception {
        private final char option;
        private final boolean missingArgument;

        GetoptException(char option, boolean missingArgument) {
            super((missingArgument ? "option requires an argument -- " : "illegal option -- ") + option);
            this.option = option;
            this.missingArgument = missingArgument;
        }

        char option() {
            return option;
        }

        boolean missingArgument() {
            return missingArgument;
        }

        /** The message libc's getopt(3) prints, e.g. {@code mkdir: illegal option -- x}. */
        String bsdMessage(String program) {
            return program + ": " + getMessage();
        }
    }

    private final List<Opt> opts;
    private final List<String> operands;

    private Getopt(List<Opt> opts, List<String> operands) {
        this.opts = opts;
        this.operands = operands;
    }

    /**
     * {@link #parse}, and on an option getopt(3) rejects prints its message and the program's
     * usage as the BSD tools do; empty then, and the tool returns its usage exit status.
     */
    static java.util.Optional<Getopt> parseOrUsage(Invocation inv, String program, String optstring, String usage) {
        try {
            return java.util.Optional.of(parse(inv.args(), optstring));
        } catch (GetoptException e) {
            inv.err(e.bsdMessage(program));
            inv.err(usage);
            return java.util.Optional.empty();
        }
    }

    /** Options the real tool has but the sim does not model are refused, never guessed at. */
    void refuseUnsupported(String program, String options) {
        for (char c : options.toCharArray()) {
            if (has(c)) {
                throw new SimUnsupportedException(program + " -" + c);
            }
        }
    }

    static Getopt parse(List<String> args, String optstring) throws GetoptException {
        List<Opt> opts = new ArrayList<>();
        int i = 0;
        while (i < args.size()) {
            String a = args.get(i);
            if (a.equals("--")) {
                i++;
                break;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                break;
            }
            int j = 1;
            while (j < a.length()) {
                char c = a.charAt(j);
                int at = optstring.indexOf(c);
                if (c == ':' || at < 0) {
                    throw new GetoptException(c, false);
                }
                boolean takesArg = at + 1 < optstring.length() && optstring.charAt(at + 1) == ':';
                if (takesArg) {
                    if (j + 1 < a.length()) {
                        opts.add(new Opt(c, a.substring(j + 1)));
                    } else if (i + 1 < args.size()) {
                        opts.add(new Opt(c, args.get(++i)));
                    } else {
                        throw new GetoptException(c, true);
                    }
                    break;
                }
                opts.add(new Opt(c, null));
                j++;
            }
            i++;
        }
        return new Getopt(opts, List.copyOf(args.subList(i, args.size())));
    }

    List<Opt> opts() {
        return opts;
    }

    boolean has(char name) {
        return opts.stream().anyMatch(o -> o.name() == name);
    }

    /** The argument of the last occurrence of an option, or null. */
    String last(char name) {
        String value = null;
        for (Opt o : opts) {
            if (o.name() == name) {
                value = o.arg();
            }
        }
        return value;
    }

    List<String> all(char name) {
        return opts.stream().filter(o -> o.name() == name).map(Opt::arg).toList();
    }

    List<String> operands() {
        return operands;
    }
}
