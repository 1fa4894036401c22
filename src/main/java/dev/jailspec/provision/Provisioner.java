package dev.jailspec.provision;

import dev.jailspec.event.DatasetChanged;
import dev.jailspec.event.DiagnosisCollected;
import dev.jailspec.event.EventBus;
import dev.jailspec.event.JailShared;
import dev.jailspec.event.JailKept;
import dev.jailspec.event.JailStateChanged;
import dev.jailspec.event.Note;
import dev.jailspec.freebsd.Ifconfig;
import dev.jailspec.freebsd.JailInfo;
import dev.jailspec.freebsd.JailService;
import dev.jailspec.freebsd.PrefixedHost;
import dev.jailspec.freebsd.Jls;
import dev.jailspec.freebsd.ServiceJailStopOutcome;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.Host;
import dev.jailspec.host.ShellQuote;
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
    private final Jls jls;
    private final JailService jailService;
    private final StepRunner steps;
    private final Waits waits;
    private final UndoExecutor undos;
    private final Teardown teardown;
    private final EventBus bus;
    private final HostFacts facts;
    private final TemplateProvision template;
    private ScenarioScope scope = ScenarioScope.UNNAMED;
    /** The dataset the jail's Linux userland is on: the jail's clone, or its clone of the Linux template. */
    private String userlandDataset;

    /** A provisioner for one scenario; it is registered with the run until {@link #teardown()} or {@link #release()}. */
    public Provisioner(JailspecRun run) {
        this.run = run;
        this.layout = run.layout();
        this.host = run.host();
        this.bus = run.bus();
        this.jls = new Jls(host);
        this.jailService = new JailService(host);
        this.waits = new Waits(bus);
        this.undos = new UndoExecutor(host, layout, run.marks(), run.settings().keepHostConfig(),
                run.settings().teardownDyingWait(), bus, "teardown");
        this.teardown = new Teardown(undos, bus);
        this.steps = new StepRunner(bus, teardown);
        this.facts = new HostFacts(host, layout, LinuxJailOptions.of(run.settings()));
        this.userlandDataset = layout.jailDataset();
        this.template = new TemplateProvision(run, host, steps);
        // A new scenario: what an earlier one saw of the host is not evidence for this one.
        run.hostState().forget();
        run.register(this);
    }

    public Layout layout() {
        return layout;
    }

    /**
     * At the scenario's start, before its first step: names the scenario, and settles the jail an
     * earlier {@code @read-only} scenario left running. This scenario takes it over, with everything its
     * teardown undoes, when both are {@code @read-only} scenarios of one feature; otherwise it is torn
     * down now, so this scenario starts from the host it would have had without sharing.
     */
    public void begin(ScenarioScope scenario) {
        this.scope = scenario;
        run.sharedJail().take().ifPresent(held -> {
            String jail = layout.jailName();
            if (held.scope().sharesWith(scenario)) {
                teardown.adopt(held.provisioner().teardown);
                run.unregister(held.provisioner());
                bus.publish(new JailShared(bus.now(), jail, JailShared.Change.TAKEN_OVER, scenario.scenario(),
                        held.scope().scenario()));
            } else {
                bus.publish(new JailShared(bus.now(), jail, JailShared.Change.RELEASED, scenario.scenario(),
                        held.scope().scenario()));
                held.provisioner().teardown();
            }
        });
    }

    /** Whether this scenario's jail may be left running for the next one ({@link #handOver()}). */
    public boolean mayShareItsJail() {
        return scope.readOnly();
    }

    /**
     * At a passed {@code @read-only} scenario's end, instead of {@link #teardown()}: its jail stays
     * running for the next scenario, which takes it over or tears it down ({@link #begin}); the run's
     * end tears down a jail nobody took.
     */
    public void handOver() {
        if (!scope.readOnly()) {
            throw new IllegalStateException("\"" + scope.scenario() + "\" is not tagged " + ScenarioScope.READ_ONLY_TAG
                    + ": its jail cannot be left to another scenario");
        }
        run.sharedJail().hold(this, scope);
        bus.publish(new JailShared(bus.now(), layout.jailName(), JailShared.Change.HELD, scope.scenario(),
                scope.scenario()));
    }

    // --- release template (kept between scenarios and runs) ---

    // --- host preflight and Linux ABI ---

    public List<Preflight.Finding> preflight() {
        return new Preflight(host, layout, run.releaseSupport(), run.linuxUserland()).findings();
    }

    public void enableLinuxAbi() {
        run.requireHostReady();
        steps.ensure(new EnableLinuxAbi(host, run.hostState(), java.util.Optional.of(run.linuxUserland())));
    }

    public void createDatasetTree() {
        template.createDatasetTree();
    }

    /** Until the template is snapshotted (and marked kept), teardown destroys it again: a half-built template is not reused. */
    public void createTemplateDataset() {
        template.createTemplateDataset();
    }

    /** The base system into the template: base.txz extracted, or (pkgbase) the repository written, the keys copied, pkg install. */
    public void installBaseSystem() {
        template.installBaseSystem();
    }

    /** The template's patches: freebsd-update, or (pkgbase) pkg upgrade. */
    public void updateTemplate() {
        template.updateTemplate();
    }

    public void snapshotTemplate() {
        template.snapshotTemplate();
    }

    /** The whole template: tree, dataset, base system, {@code @base}. Reused when the snapshot exists. */
    public void ensureTemplate() {
        template.ensureTemplate();
    }

    // --- the jail (undone by teardown) ---

    public void enableJailsAtBoot() {
        steps.ensure(new EnableJailsAtBoot(host, run.hostState()));
    }

    public void cloneJail() {
        steps.ensure(new CloneJail(host, run.hostState(), layout, run.marks())).publish(bus, layout.jailDataset(),
                DatasetChanged.Change.CLONED, "from " + layout.templateSnapshot());
    }

    /** Writes the jail's file and reads it back with the jailconf parser, as rc.d/jail will. */
    public JailParameters writeJailConf(boolean linuxMounts) {
        String content = JailConfTemplate.render(layout, run.runId(),
                linuxMounts ? Optional.of(linuxOptions()) : Optional.empty());
        steps.ensure(new WriteJailConf(host, layout, content, run.runId()));
        JailParameters params = facts.effectiveJailConf().orElseThrow(() -> new ProvisionException(
                layout.jailConfPath() + " was written but does not define the jail " + layout.jailName()));
        // A jail that claims its own Linux version (linux.osrelease) must claim one the userland's glibc accepts.
        params.value("linux.osrelease").ifPresent(v -> LinuxUserlandChecks.requireKernel(v,
                "linux.osrelease of the jail " + layout.jailName() + " (" + layout.jailConfPath() + ")", run.linuxUserland()));
        return params;
    }

    /** The Linux userland's mount options from the settings. */
    public LinuxJailOptions linuxOptions() {
        return LinuxJailOptions.of(run.settings());
    }

    /**
     * The Linux /dev's ruleset, defined in /etc/devfs.rules and loaded before the jail that
     * mounts it starts; teardown takes the section out again.
     */
    public void loadLinuxDevfsRuleset() {
        steps.ensure(new LoadLinuxDevfsRuleset(host, linuxOptions().devfsRuleset(), run.runId()));
    }

    /** The Linux userland under the jail's /compat/<distribution>; removed with the jail's clone. */
    public void installLinuxUserland() {
        steps.ensure(run.linuxUserlandInstaller(host));
    }

    /**
     * The jail's Linux userland as {@link #ensureLinuxJailRunning()} gets it: a clone of the kept Linux
     * template, or extracted into the jail's clone ({@link LinuxUserlandProvision}).
     */
    public void provideLinuxUserland() {
        userlandDataset = new LinuxUserlandProvision(run, host, steps, undos).provide().orElse(userlandDataset);
    }

    /** The Linux template and the jail's clone of it; empty with jailspec.linux.template=false. */
    public Optional<LinuxTemplate> linuxTemplate() {
        return run.settings().linuxTemplate() ? Optional.of(run.linuxTemplate()) : Optional.empty();
    }

    /** Its undos are recorded before it starts: a start that fails or hangs half-way may leave the jail or its epair behind. */
    public StepRunner.Outcome startJail() {
        var step = new StartJail(jailService, jls, new Ifconfig(host), layout, undos);
        StepRunner.Outcome outcome = steps.ensure(step);
        if (outcome == StepRunner.Outcome.APPLIED) {
            bus.publish(new JailStateChanged(bus.now(), layout.jailName(), JailStateChanged.State.STARTED, layout.jailPath()));
        }
        return outcome;
    }

    /** A jail this just started is waited for; one already running at its path (StartJail.isDone read jls) is not asked again. */
    private void startJailAndAwait() {
        if (startJail() == StepRunner.Outcome.APPLIED) {
            awaitJailRunning(Duration.ofSeconds(30));
        }
    }

    /** Everything needed for a running jail, each step only if not done yet. */
    public void ensureJailRunning(boolean linuxMounts) {
        ensureTemplate();
        enableJailsAtBoot();
        cloneJail();
        writeJailConf(linuxMounts);
        startJailAndAwait();
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
        loadLinuxDevfsRuleset();
        provideLinuxUserland();
        startJailAndAwait();
    }

    /** Commands and files as seen inside the running jail ({@code jexec NAME ...}). */
    public PrefixedHost insideJail() {
        return PrefixedHost.jail(host, layout.jailName(), layout.jailPath());
    }

    /** What the jail reaches through the Linux userland: its /dev nodes, shared host directories. */
    public LinuxUserlandIsolation linuxIsolation() {
        return new LinuxUserlandIsolation(insideJail(), run.layout().linuxRootInJail());
    }

    /** The checks a Linux-jail expert adds to the how-to's (issue 14), read only. */
    public LinuxJailChecks checks() {
        return new LinuxJailChecks(host, layout, run.linuxUserland(), bus, insideLinuxUserland(), userlandDataset);
    }

    /** Commands and files of the Linux userland ({@code jexec NAME chroot /compat/rocky ...}). */
    public PrefixedHost insideLinuxUserland() {
        return insideJail().chroot(run.layout().linuxRootInJail());
    }

    /** Runs {@code argv} in the Linux userland, whatever its exit status; dnf gets the timeout of kind DNF. */
    public CommandResult inLinuxUserland(List<String> argv) {
        return insideLinuxUserland().run(LinuxUserlandCommands.of(run.linuxUserland().distribution(), argv));
    }

    /**
     * Runs {@code argv} in the Linux userland and requires exit 0; a failure or a hang is a
     * {@link ProvisionException} naming what was run and the command.
     */
    public CommandResult runInLinuxUserland(List<String> argv) {
        try {
            return inLinuxUserland(argv).orThrow();
        } catch (RuntimeException e) {
            throw StepRunner.failed("run `" + ShellQuote.join(argv) + "` in the Linux userland of " + layout.jailName(), e);
        }
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
        ServiceJailStopOutcome outcome = jailService.stop(layout.jailName());
        if (outcome.status() == ServiceJailStopOutcome.Status.STOPPED) {
            bus.publish(new JailStateChanged(bus.now(), layout.jailName(), JailStateChanged.State.STOPPED, layout.jailPath()));
        }
        return outcome;
    }

    public void awaitJailGone(Duration timeout) {
        waits.until("jail " + layout.jailName() + " gone from jls", timeout,
                () -> jls.find(layout.jailName()), Optional::isEmpty,
                found -> "jls -j " + layout.jailName() + ": " + found.map(JailInfo::toString).orElse("not found"));
    }

    /**
     * Plants an unmarked dataset, a stand-in for someone else's, for a scenario that shows what
     * jailspec refuses to touch; the scenario's teardown removes exactly that dataset again when
     * the scenario ends.
     */
    public void plantForeignDataset(String dataset) {
        steps.ensure(new PlantForeignDataset(host, layout, dataset));
    }

    // --- what the steps assert on (read-only: HostFacts) ---

    /** A failed scenario's read-only look at host, jail and userland, published for the report. */
    public void diagnose(String scenario) {
        bus.publish(new DiagnosisCollected(bus.now(), scenario, new Diagnosis(host, layout).gather()));
    }

    /** What the host is like now, read only. */
    public HostFacts facts() {
        return facts;
    }

    public String runId() {
        return run.runId();
    }

    public Host host() {
        return host;
    }

    public List<String> pendingTeardown() {
        return teardown.pending();
    }

    /** The undos recorded so far, in the order teardown runs them: what a reaper rebuilds after a crash. */
    List<Undo> recordedUndos() {
        return teardown.recorded();
    }

    /** At the scenario's end (and on shutdown): undoes its changes, then removes what it planted. */
    public void teardown() {
        try {
            teardown.runWithPlanted();
        } finally {
            run.unregister(this);
        }
    }

    /** Undoes the scenario's changes now (a feature step shows teardown); what it planted stays until its end. */
    public void undoChanges() {
        teardown.run();
    }

    /**
     * Keeps what this scenario made (jailspec.teardown said so): the run stops tracking it, so
     * not even the JVM's shutdown hook removes it. The next run's reaper will.
     */
    public void release() {
        run.unregister(this);
    }

    /**
     * Keeps the scenario's jail (see {@link #release()}) and publishes how to enter it and remove
     * it by hand, for the console and the report. The first failed scenario's kept jail stays the
     * run's: later scenarios do not run in it or against its names ({@link #inTheWayOfAKeptJail()}).
     */
    public void keepForDebugging(String scenario, String teardownSetting, boolean failed) {
        List<String> pending = pendingTeardown();
        release();
        if (!pending.isEmpty()) {
            JailKept kept = KeptJail.event(bus.now(), scenario, layout, teardownSetting, pending);
            bus.publish(kept);
            if (failed) {
                run.keptAfterFailure(kept);
            }
        }
    }

    /**
     * Why this scenario must not run, if an earlier failed scenario of the run kept its jail: every
     * scenario builds or uses a jail of the run's one name, clone, epair and address, so it would run
     * in the kept jail (changing what was kept to be looked at) or collide with it, and its result
     * would say nothing. Published as a note; empty when no jail is kept.
     */
    public Optional<String> inTheWayOfAKeptJail() {
        Optional<String> why = run.keptAfterFailure().map(kept -> KeptJail.inTheWay(kept, scope.scenario()));
        why.ifPresent(text -> bus.publish(new Note(bus.now(), text)));
        return why;
    }
}
