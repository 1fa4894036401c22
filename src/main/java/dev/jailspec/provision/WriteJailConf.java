package dev.jailspec.provision;

import dev.jailspec.freebsd.Mkdir;
import dev.jailspec.host.Host;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How-to step 15, corrected: one self-contained file in {@code /etc/jail.conf.d/}; the host's
 * {@code /etc/jail.conf} (how-to step 14) is never written.
 */
final class WriteJailConf implements ProvisionStep {
    private final Host host;
    private final Layout layout;
    private final String content;
    private final String runId;

    WriteJailConf(Host host, Layout layout, String content, String runId) {
        this.host = host;
        this.layout = layout;
        this.content = content;
        this.runId = runId;
    }

    @Override
    public String description() {
        return "write the jail's configuration " + layout.jailConfPath();
    }

    @Override
    public boolean isDone() {
        if (host.stat(layout.jailConfPath()).isEmpty()) {
            return false;
        }
        String existing = host.readText(layout.jailConfPath());
        if (!existing.startsWith(JailConfTemplate.MARK)) {
            throw new ProvisionException(layout.jailConfPath() + " already exists and was not written by jailspec; "
                    + "move it away or choose another jailspec.jail.name");
        }
        return existing.equals(content);
    }

    /** The file is written with this run's mark (a marked file of an earlier run is overwritten with it). */
    @Override
    public List<Undo> undo() {
        return List.of(new Undo.RemoveJailConf(layout.jailName(), layout.jailConfPath(), runId));
    }

    @Override
    public void apply() {
        // Asked first: a stat is no host command, and later scenarios find the directory there.
        if (host.stat(Sandbox.JAIL_CONF_DIR).isEmpty()) {
            new Mkdir(host).parents(Sandbox.JAIL_CONF_DIR);
        }
        host.writeFile(layout.jailConfPath(), content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    @Override
    public void verify() {
        if (!host.readText(layout.jailConfPath()).equals(content)) {
            throw new ProvisionException(layout.jailConfPath() + " does not hold what was written");
        }
    }
}
