package dev.jailspec.provision;

import dev.jailspec.freebsd.Devfs;
import dev.jailspec.host.Host;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Defines the Linux /dev's ruleset in /etc/devfs.rules and loads it with
 * {@code service devfs restart}, the way rc(8) loads rulesets at boot, so the ruleset is there
 * again after a reboot while the file holds it. Loading is checked with {@code devfs rule -s N
 * show}: a devfs mounted with a ruleset number that was never loaded is not refused, it gets an
 * empty ruleset that hides nothing (sys/fs/devfs/devfs_rule.c devfs_ruleset_use():
 * {@code if (ds == NULL) ds = devfs_ruleset_create(rsnum);}), which would show every host device.
 */
final class LoadLinuxDevfsRuleset implements ProvisionStep {
    private final Host host;
    private final Devfs devfs;
    private final int ruleset;
    private final String section;

    LoadLinuxDevfsRuleset(Host host, int ruleset, String runId) {
        this.host = host;
        this.devfs = new Devfs(host);
        this.ruleset = ruleset;
        this.section = DevfsRules.section(runId, ruleset);
    }

    /** The file's text, or "" when it does not exist. */
    static String current(Host host) {
        return host.stat(DevfsRules.PATH).isPresent() ? host.readText(DevfsRules.PATH) : "";
    }

    @Override
    public String description() {
        return "define devfs ruleset " + ruleset + " (" + DevfsRules.NAME + ") in " + DevfsRules.PATH
                + " and load it with service devfs restart";
    }

    @Override
    public boolean isDone() {
        return current(host).contains(section) && !devfs.rules(ruleset).isEmpty();
    }

    /**
     * Also when a killed run left its section: this run's section replaces it and teardown removes
     * it; the file itself goes only if nothing else was in it.
     */
    @Override
    public List<Undo> undo() {
        String before = current(host);
        return List.of(new Undo.RestoreDevfsRules(ruleset, host.stat(DevfsRules.PATH).isPresent()
                && !DevfsRules.without(before).isBlank()));
    }

    @Override
    public void apply() {
        String content = current(host);
        DevfsRules.otherRulesetNumbered(content, ruleset).ifPresent(name -> {
            throw new ProvisionException(DevfsRules.PATH + " already defines ruleset " + ruleset + " as [" + name + "="
                    + ruleset + "]; choose another number with jailspec.linux.devfsRuleset");
        });
        host.writeFile(DevfsRules.PATH, DevfsRules.with(content, section).getBytes(StandardCharsets.UTF_8), 0644);
        devfs.restartService();
    }

    /** isDone just read the section in the file and the ruleset's rules in the kernel: nothing is left to check. */
    @Override
    public void verifyAlreadyDone() {
    }

    @Override
    public void verify() {
        if (devfs.rules(ruleset).isEmpty()) {
            throw new ProvisionException("devfs ruleset " + ruleset + " has no rules after service devfs restart, so a"
                    + " devfs mounted with it would show every host device; check " + DevfsRules.PATH + " and that"
                    + " devfs_load_rulesets is YES in rc.conf");
        }
    }
}
