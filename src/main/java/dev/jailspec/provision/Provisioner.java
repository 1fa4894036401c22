package dev.jailspec.provision;

import dev.jailspec.event.EventBus;
import dev.jailspec.freebsd.FileCopy;
import dev.jailspec.freebsd.JailInfo;
import dev.jailspec.freebsd.JailService;
import dev.jailspec.freebsd.Kldstat;
import dev.jailspec.freebsd.PrefixedHost;
import dev.jailspec.freebsd.Jls;
import dev.jailspec.freebsd.ServiceJailStopOutcome;
import dev.jailspec.freebsd.Sysrc;
import dev.jailspec.freebsd.Zfs;
import dev.jailspec.freebsd.ZfsDataset;
import dev.jailspec.host.Host;
import dev.jailspec.jailconf.JailConfLoader;
import dev.jailspec.jailconf.JailConfSet;
import dev.jailspec.jailconf.JailParameters;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The procedure of the how-to as idempotent steps, for one scenario. What the scenario creates
 * is recorded and undone by {@link #teardown()}; the dataset tree and the release template stay
 * for later scenarios and runs.
 */
public final class Provisioner {
    private final JailspecRun run;
    private final Layout layout;
    private final Host host;
    private final Zfs zfs;
    private final Sysrc sysrc;
    private final Jls jls;
    private final JailService jailService;
    private final StepRunner steps;
    private final Waits waits;
    private final Teardown teardown;

    public Provisioner(JailspecRun run) {
        this.run = run;
        this.layout = run.layout();
        this.host = run.host();
        EventBus bus = run.bus();
        this.zfs = new Zfs(host);
        this.sysrc = new Sysrc(host);
        this.jls = new Jls(host);
        this.jailService = new JailService(host);
        this.steps = new StepRunner(bus);
        this.waits = new Waits(bus);
        this.teardown = new Teardown(zfs, sysrc, jailService, jls, new FileCopy(host), bus);
    }

    public Layout layout() {
        return layout;
    }

    // --- release template (kept between scenarios and runs) ---

    // --- host preflight and Linux ABI ---

    public List<Preflight.Finding> preflight() {
        return new Preflight(host, layout).findings();
    }

    public void enableLinuxAbi() {
        run.requireHostReady();
        var step = new EnableLinuxAbi(host);
        if (!step.isDone()) {
            teardown.record(new Undo.RestoreRcConf("linux_enable", new RcConfFile(host).value("linux_enable").orElse(null)));
        }
        steps.ensure(step);
    }

    public boolean kernelModuleLoaded(String module) {
        return new Kldstat(host).isModuleLoaded(module);
    }

    public void createDatasetTree() {
        run.requireHostReady();
        steps.ensure(new CreateDatasetTree(zfs, layout, run.marks()));
    }

    public void createTemplateDataset() {
        steps.ensure(new CreateTemplateDataset(zfs, layout, run.marks()));
    }

    public void installBaseSystem() {
        steps.ensure(run.baseSystemInstaller(host));
    }

    public void updateTemplate() {
        steps.ensure(new UpdateTemplate(host, layout));
    }

    public void snapshotTemplate() {
        steps.ensure(new SnapshotTemplate(zfs, layout));
    }

    /** The whole template: tree, dataset, base system, {@code @base}. Reused when the snapshot exists. */
    public void ensureTemplate() {
        createDatasetTree();
        createTemplateDataset();
        installBaseSystem();
        updateTemplate();
        snapshotTemplate();
    }

    // --- the jail (undone by teardown) ---

    public void enableJailsAtBoot() {
        var step = new EnableJailsAtBoot(sysrc);
        if (!step.isDone()) {
            RcConfFile rcConf = new RcConfFile(host);
            EnableJailsAtBoot.VARIABLES.forEach(v -> teardown.record(new Undo.RestoreRcConf(v, rcConf.value(v).orElse(null))));
        }
        steps.ensure(step);
    }

    public void cloneJail() {
        if (steps.ensure(new CloneJail(zfs, layout, run.marks())) == StepRunner.Outcome.APPLIED) {
            teardown.record(new Undo.DestroyDataset(layout.jailDataset()));
        }
    }

    /** Writes the jail's file and reads it back with the jailconf parser, as rc.d/jail will. */
    public JailParameters writeJailConf(boolean linuxMounts) {
        String content = JailConfTemplate.render(layout, run.runId(), linuxMounts);
        if (steps.ensure(new WriteJailConf(host, layout, content)) == StepRunner.Outcome.APPLIED) {
            teardown.record(new Undo.RemoveFile(layout.jailConfPath()));
        }
        return effectiveJailConf().orElseThrow(() -> new ProvisionException(
                layout.jailConfPath() + " was written but does not define the jail " + layout.jailName()));
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
                && JailConfLoader.load("/etc/jail.conf", new HostConfFiles(host)).includesPath("/etc/jail.conf.d");
        if (host.stat(layout.jailConfPath()).isPresent() && !hostConfIncludesDir) {
            return layout.jailConfPath();
        }
        return "/etc/jail.conf";
    }

    /** The Rocky userland under the jail's compat/rocky; removed with the jail's clone. */
    public void installRockyUserland() {
        steps.ensure(run.rockyUserlandInstaller(host));
    }

    public void startJail() {
        if (steps.ensure(new StartJail(jailService, jls, layout)) == StepRunner.Outcome.APPLIED) {
            teardown.record(new Undo.StopJail(layout.jailName()));
        }
    }

    /** Everything needed for a running jail, each step only if not done yet. */
    public void ensureJailRunning(boolean linuxMounts) {
        ensureTemplate();
        enableJailsAtBoot();
        cloneJail();
        writeJailConf(linuxMounts);
        startJail();
        awaitJailRunning(Duration.ofSeconds(30));
    }

    /**
     * The Linux jail of the how-to, running, in the how-to's order (steps 1 to 19) after the
     * Linux ABI it leaves out: everything above plus the Linux mounts and the Rocky userland.
     */
    public void ensureLinuxJailRunning() {
        enableLinuxAbi();
        enableJailsAtBoot();
        ensureTemplate();
        cloneJail();
        writeJailConf(true);
        installRockyUserland();
        startJail();
        awaitJailRunning(Duration.ofSeconds(30));
    }

    /** Commands and files as seen inside the running jail ({@code jexec NAME ...}). */
    public PrefixedHost insideJail() {
        return PrefixedHost.jail(host, layout.jailName(), layout.jailPath());
    }

    /** Commands and files of the Linux userland ({@code jexec NAME chroot /compat/rocky ...}). */
    public PrefixedHost insideLinuxUserland() {
        return insideJail().chroot(Layout.LINUX_ROOT_IN_JAIL);
    }

    public JailInfo awaitJailRunning(Duration timeout) {
        return waits.until("jail " + layout.jailName() + " running at " + layout.jailPath(), timeout,
                () -> jls.find(layout.jailName()),
                found -> found.filter(j -> j.path().equals(layout.jailPath())).isPresent(),
                found -> "jls -j " + layout.jailName() + ": " + found.map(JailInfo::toString).orElse("not found")
                        + "\njls: " + jls.list())
                .orElseThrow();
    }

    public ServiceJailStopOutcome stopJail() {
        return jailService.stop(layout.jailName());
    }

    public void awaitJailGone(Duration timeout) {
        waits.until("jail " + layout.jailName() + " gone from jls", timeout,
                () -> jls.find(layout.jailName()), Optional::isEmpty,
                found -> "jls -j " + layout.jailName() + ": " + found.map(JailInfo::toString).orElse("not found"));
    }

    // --- what the steps assert on ---

    public Optional<ZfsDataset> dataset(String name) {
        return zfs.exists(name) ? Optional.of(zfs.list(name, false).get(0)) : Optional.empty();
    }

    public List<ZfsDataset> datasetsUnderRoot() {
        return zfs.list(layout.zfsRoot(), true);
    }

    public Optional<String> rcConf(String variable) {
        return sysrc.get(variable);
    }

    public Optional<JailInfo> findJail() {
        return jls.find(layout.jailName());
    }

    public Host host() {
        return host;
    }

    public List<String> pendingTeardown() {
        return teardown.pending();
    }

    public void teardown() {
        teardown.run();
    }
}
