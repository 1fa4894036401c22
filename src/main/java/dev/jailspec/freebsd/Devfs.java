package dev.jailspec.freebsd;

import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.Host;
import java.util.List;

/**
 * devfs(8) rulesets on the target and {@code service devfs restart}, which loads them from
 * {@code devfs_rulesets} (/etc/defaults/devfs.rules, then /etc/devfs.rules):
 * libexec/rc/rc.d/devfs devfs_start() calls rc.subr devfs_init_rulesets(), whose
 * devfs_rulesets_from_file() runs {@code devfs rule -s N delset} for each {@code [name=N]} line
 * and {@code devfs rule -s N <line>} for each rule (libexec/rc/rc.subr, read at freebsd-src
 * 02274513; rc.d/devfs at 1b1334b1, both 14-era main [UNVERIFIED: not diffed against releng/14.3]).
 */
public final class Devfs {
    private final Host host;

    public Devfs(Host host) {
        this.host = host;
    }

    /**
     * The rules of ruleset {@code n}, one per line as {@code devfs rule -s N show} prints them
     * (sbin/devfs/rule.c rule_show(): {@code "%d"} then {@code " path %s"}, {@code " unhide"} ...).
     * Empty when the ruleset was never loaded: the kernel then has no rules for it.
     */
    public List<String> rules(int n) {
        return host.run(Command.probe("devfs", "rule", "-s", Integer.toString(n), "show")).orThrow().stdout().lines()
                .filter(l -> !l.isBlank()).toList();
    }

    /** {@code devfs rule -s N delset}: removes every rule of ruleset {@code n} (rule.c rule_delset()). */
    public void deleteRuleset(int n) {
        host.run(Command.of("devfs", "rule", "-s", Integer.toString(n), "delset")).orThrow();
    }

    /** {@code service devfs restart}: stop is {@code ":"}, start loads the rulesets from the files. */
    public CommandResult restartService() {
        return host.run(Command.of("service", "devfs", "restart")).orThrow();
    }
}
