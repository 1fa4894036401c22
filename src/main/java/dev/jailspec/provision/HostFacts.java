package dev.jailspec.provision;

import dev.jailspec.freebsd.Devfs;
import dev.jailspec.freebsd.JailInfo;
import dev.jailspec.freebsd.Jls;
import dev.jailspec.freebsd.Kldstat;
import dev.jailspec.freebsd.Sysrc;
import dev.jailspec.freebsd.Zfs;
import dev.jailspec.freebsd.ZfsDataset;
import dev.jailspec.host.Host;
import dev.jailspec.jailconf.JailConfLoader;
import dev.jailspec.jailconf.JailConfSet;
import dev.jailspec.jailconf.JailParameters;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the host is like now, read only, for the steps to assert on and for the procedure to check:
 * datasets and their marks, rc.conf values, the jail in jls, the loaded Linux ABI, the jail.conf
 * rc.d/jail will read. Nothing here changes the host ({@link Provisioner} does that).
 */
public final class HostFacts {
    /**
     * rc.d/jail parse_options() decides with {@code egrep -q '^\s*\.include\s*["']?/etc/jail.conf.d/'
     * "$jail_conf"} (libexec/rc/rc.d/jail, freebsd-src c96d5c97, 14-era), not by parsing the file:
     * a host /etc/jail.conf that jail(8) would reject does not decide which file is read.
     */
    private static final Pattern INCLUDES_CONF_D = Pattern.compile("(?m)^\\s*\\.include\\s*[\"']?/etc/jail\\.conf\\.d/");

    private final Host host;
    private final Layout layout;
    private final LinuxJailOptions linuxOptions;
    private final Zfs zfs;
    private final DatasetMarks datasetMarks;

    HostFacts(Host host, Layout layout, LinuxJailOptions linuxOptions) {
        this.host = host;
        this.layout = layout;
        this.linuxOptions = linuxOptions;
        this.zfs = new Zfs(host);
        this.datasetMarks = new DatasetMarks(host);
    }

    public Optional<ZfsDataset> dataset(String name) {
        return zfs.find(name);
    }

    public List<ZfsDataset> datasetsUnderRoot() {
        return zfs.list(layout.zfsRoot(), true);
    }

    /** jailspec's mark on a dataset or snapshot, as {@code jailspec:run}'s value, when set locally (not inherited). */
    public Optional<String> runMark(String dataset) {
        return datasetMarks.of(dataset).filter(DatasetMarks.Mark::isJailspecs).flatMap(DatasetMarks.Mark::run);
    }

    public Optional<String> rcConf(String variable) {
        return new Sysrc(host).get(variable);
    }

    public Optional<JailInfo> findJail() {
        return new Jls(host).find(layout.jailName());
    }

    /** {@code kldstat -q -n FILE}: whether a kernel file such as {@code linux64.ko} is loaded. */
    public boolean kernelFileLoaded(String file) {
        return new Kldstat(host).isFileLoaded(file);
    }

    /** Whether /etc/devfs.rules holds jailspec's section or the kernel still has rules in the Linux /dev's ruleset. */
    public boolean linuxDevfsRulesetPresent() {
        return DevfsRules.hasSection(LoadLinuxDevfsRuleset.current(host))
                || !new Devfs(host).rules(linuxOptions.devfsRuleset()).isEmpty();
    }

    /** The jail's parameters from the file rc.d/jail will read for {@code service jail start NAME}. */
    public Optional<JailParameters> effectiveJailConf() {
        JailConfSet set = JailConfLoader.load(configFileForServiceJail(), new HostConfFiles(host));
        return set.effective(layout.jailName());
    }

    /**
     * rc.d/jail's rule (freebsd-facts 2.3): /etc/jail.NAME.conf if it exists; else
     * /etc/jail.conf.d/NAME.conf if it exists and /etc/jail.conf does not include that directory;
     * else /etc/jail.conf.
     */
    public String configFileForServiceJail() {
        String perJail = "/etc/jail." + layout.jailName() + ".conf";
        if (host.stat(perJail).isPresent()) {
            return perJail;
        }
        boolean hostConfIncludesDir = host.stat("/etc/jail.conf").isPresent()
                && INCLUDES_CONF_D.matcher(host.readText("/etc/jail.conf")).find();
        if (host.stat(layout.jailConfPath()).isPresent() && !hostConfIncludesDir) {
            return layout.jailConfPath();
        }
        return "/etc/jail.conf";
    }
}
