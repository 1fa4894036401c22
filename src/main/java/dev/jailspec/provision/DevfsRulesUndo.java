package dev.jailspec.provision;

import dev.jailspec.freebsd.Devfs;
import dev.jailspec.freebsd.FileCopy;
import dev.jailspec.host.Host;
import java.nio.charset.StandardCharsets;

/**
 * Teardown of {@link LoadLinuxDevfsRuleset}: only jailspec's marked section leaves the file (what
 * the admin has in it stays, also changes made while the run was going), the file is removed when
 * nothing but jailspec's section was in it before and after, and the ruleset's rules are deleted from the
 * kernel with {@code devfs rule -s N delset}: {@code service devfs restart} would not, since
 * rc.subr deletes only the rulesets the files still name. With jailspec.teardown.hostconfig=keep
 * the section and the loaded ruleset stay, as rc.conf values do.
 */
final class DevfsRulesUndo {
    private DevfsRulesUndo() {
    }

    static UndoExecutor.Outcome restore(Host host, Undo.RestoreDevfsRules d, boolean keep) {
        String now = LoadLinuxDevfsRuleset.current(host);
        if (!DevfsRules.hasSection(now)) {
            return new UndoExecutor.Outcome.NothingToDo();
        }
        if (keep) {
            return new UndoExecutor.Outcome.LeftAlone("keep devfs ruleset " + d.ruleset() + " in " + DevfsRules.PATH
                    + " (jailspec.teardown.hostconfig=keep)");
        }
        String rest = DevfsRules.without(now);
        if (!d.fileHadOtherContent() && rest.isBlank()) {
            new FileCopy(host).removeFile(DevfsRules.PATH);
        } else {
            host.writeFile(DevfsRules.PATH, rest.getBytes(StandardCharsets.UTF_8), 0644);
        }
        new Devfs(host).deleteRuleset(d.ruleset());
        return new UndoExecutor.Outcome.Done(d.description());
    }
}
