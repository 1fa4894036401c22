package dev.jailspec.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One command of a jail's life (exec.prestart, exec.start, exec.poststop, ...), run the way
 * jail(8)'s run_command() in command.c runs it: a string with shell metacharacters goes to
 * {@code /bin/sh -c}, anything else is split on blanks and exec'd directly; exec.start and
 * exec.stop run inside the jail, where the program must exist; a non-zero status is reported
 * as {@code jail: NAME: <command line>: failed} (freebsd-facts 2.2: "All commands must succeed"; the
 * wording, marked unverified there, is command.c's {@code jail_warnx(j, "%s: failed", j->comline)}).
 */
final class JailCommand {
    /** strpbrk() set of run_command(). */
    private static final String SHELL_CHARS = "!\"$&'()*;<>?[\\]`{|}~";

    private final SimMachine machine;
    private final String jailName;
    private final Output jailOutput;
    private final boolean clean;
    private final String consoleLog;
    private boolean ranRc;

    /**
     * @param jailOutput jail(8)'s own stdout and stderr
     * @param clean      exec.clean: commands start in the user's home directory
     * @param consoleLog exec.consolelog: where commands run in the jail write, or null
     */
    JailCommand(SimMachine machine, String jailName, Output jailOutput, boolean clean, String consoleLog) {
        this.machine = machine;
        this.jailName = jailName;
        this.jailOutput = jailOutput;
        this.clean = clean;
        this.consoleLog = consoleLog;
    }

    /** The argv run_command() builds from a command string. */
    static List<String> argv(String comstring) {
        String s = comstring;
        int meta = -1;
        for (int i = 0; i < s.length(); i++) {
            if (SHELL_CHARS.indexOf(s.charAt(i)) >= 0) {
                meta = i;
                break;
            }
        }
        if (meta >= 0 && !(s.charAt(meta) == '&' && meta == s.length() - 1)) {
            return List.of("/bin/sh", "-c", comstring);
        }
        if (meta >= 0) {
            s = s.substring(0, meta);
        }
        List<String> argv = new ArrayList<>();
        for (String w : s.split("[ \\t\\f\\u000b\\r\\n]+")) {
            if (!w.isEmpty()) {
                argv.add(w);
            }
        }
        return argv;
    }

    static boolean background(String comstring) {
        return comstring.endsWith("&") && argv(comstring).size() > 0 && !argv(comstring).get(0).equals("/bin/sh");
    }

    /** Whether {@code /bin/sh /etc/rc} ran in the jail: it starts daemons that keep the jail alive. */
    boolean ranRc() {
        return ranRc;
    }

    /** Runs an exec.pre/post* command on the host; false when jail(8) would count it as failed. */
    boolean onHost(String comstring) throws IOException {
        return run(comstring, null);
    }

    /** Runs exec.start/exec.stop inside the jail. */
    boolean inJail(String comstring, SimState.JailState jail) throws IOException {
        return run(comstring, jail);
    }

    private boolean run(String comstring, SimState.JailState jail) throws IOException {
        List<String> argv = argv(comstring);
        if (argv.isEmpty()) {
            return true;
        }
        String comline = String.join(" ", argv);
        Output commandOutput = jailOutput;
        if (jail != null && consoleLog != null) {
            if (!consoleLog.startsWith("/")) {
                jailOutput.errln("jail: " + jailName + ": exec.consolelog: " + consoleLog + ": not an absolute pathname");
                return false;
            }
            try {
                machine.hostFs().append(consoleLog, "");
            } catch (IOException e) {
                jailOutput.errln("jail: " + jailName + ": open " + consoleLog + ": " + Errno.of(e));
                return false;
            }
            commandOutput = new Output();
        }
        SimContext ctx = jail == null ? machine.hostContext() : machine.jailContext(jail);
        String cwd = "/";
        if (clean) {
            cwd = "/root";
            if (!ctx.fs().isDirectory(cwd)) {
                jailOutput.errln("jail: " + jailName + ": chdir " + cwd + ": " + Errno.ENOENT);
                jailOutput.errln("jail: " + jailName + ": " + comline + ": failed");
                return false;
            }
        }
        int status;
        try {
            status = machine.exec(ctx, argv, commandOutput, null, cwd);
        } catch (ExecNotFoundException e) {
            commandOutput.errln("jail: " + jailName + ": exec " + argv.get(0) + ": " + Errno.ENOENT);
            status = 1;
        }
        if (jail != null && status == 0 && argv.equals(List.of("/bin/sh", "/etc/rc"))) {
            ranRc = true;
        }
        if (commandOutput != jailOutput) {
            machine.hostFs().append(consoleLog, commandOutput.combined());
        }
        if (status != 0 && !background(comstring)) {
            jailOutput.errln("jail: " + jailName + ": " + comline + ": failed");
            return false;
        }
        return true;
    }
}
