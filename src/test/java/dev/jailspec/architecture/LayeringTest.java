package dev.jailspec.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The dependency rules of docs/ARCHITECTURE.md, checked on the compiled main classes. */
class LayeringTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.jailspec");

    private static void mayOnlyUse(String pkg, String... allowed) {
        var others = new java.util.ArrayList<String>();
        for (String p : new String[] {"event", "config", "host", "jailconf", "freebsd", "linux", "artifact", "sim", "provision", "report"}) {
            if (!p.equals(pkg) && !java.util.Arrays.asList(allowed).contains(p)) {
                others.add("dev.jailspec." + p + "..");
            }
        }
        noClasses().that().resideInAPackage("dev.jailspec." + pkg + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others.toArray(String[]::new))
                .because("docs/ARCHITECTURE.md lets " + pkg + " depend on " + String.join(", ", allowed))
                .check(MAIN);
    }

    @Test
    void eventConfigAndJailconfStandAlone() {
        mayOnlyUse("event");
        mayOnlyUse("config");
        mayOnlyUse("jailconf");
    }

    @Test
    void linuxUserlandTextStandsAlone() {
        mayOnlyUse("linux");
    }

    @Test
    void aDistributionIsReachedThroughTheSeamOnly() {
        // The procedure, the reports and the other layers see linux.LinuxDistribution; only the
        // registry and the simulator's fixtures (which model Rocky's files) name the implementation.
        noClasses().that().resideOutsideOfPackages("dev.jailspec.linux.rocky..", "dev.jailspec.sim..")
                .and().doNotHaveFullyQualifiedName("dev.jailspec.linux.LinuxDistributions")
                .should().dependOnClassesThat().resideInAPackage("dev.jailspec.linux.rocky..")
                .because("a second distribution is a new implementation of LinuxDistribution, not edits across the code")
                .check(MAIN);
    }

    @Test
    void hostKnowsNothingOfJails() {
        mayOnlyUse("host", "event");
    }

    @Test
    void freebsdToolsOnlyRunCommands() {
        mayOnlyUse("freebsd", "host", "event");
        // Of event, a tool uses only the words that say what its commands are, never the bus or events.
        noClasses().that().resideInAPackage("dev.jailspec.freebsd..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "event classes other than CommandKind, CommandIntent and Highlight",
                        (com.tngtech.archunit.core.domain.JavaClass c) -> c.getPackageName().equals("dev.jailspec.event")
                                && !c.getName().matches("dev\\.jailspec\\.event\\.(CommandKind|CommandIntent|Highlight)(\\$.*)?")))
                .because("a typed tool states its commands' intent; publishing events is the host's (ObservedHost)")
                .check(MAIN);
    }

    @Test
    void artifactsOnlyPublishEvents() {
        mayOnlyUse("artifact", "event");
    }

    @Test
    void theSimIsAHostAndNothingMore() {
        mayOnlyUse("sim", "host", "jailconf", "artifact", "event", "freebsd", "linux");
        // Of freebsd, the sim reads only the release catalogue: the harness's typed tools and parsers
        // must not stand in for the simulated programs' own behaviour.
        noClasses().that().resideInAPackage("dev.jailspec.sim..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "freebsd classes other than the release catalogue",
                        (com.tngtech.archunit.core.domain.JavaClass c) -> c.getPackageName().equals("dev.jailspec.freebsd")
                                && !c.getName().matches("dev\\.jailspec\\.freebsd\\.(FreebsdReleases|FreebsdRelease|"
                                        + "ReleaseChange|ReleaseVersion)(\\$.*)?")))
                .because("the simulator models FreeBSD from its sources, and takes only version data from the catalogue")
                .check(MAIN);
    }

    @Test
    void reportsDoNotReachIntoTheProcedure() {
        mayOnlyUse("report", "event", "host", "config");
    }

    @Test
    void onlyReportImportsAllure() {
        noClasses().that().resideOutsideOfPackage("dev.jailspec.report..")
                .should().dependOnClassesThat().resideInAPackage("io.qameta.allure..")
                .because("report is the only place that imports Allure")
                .check(MAIN);
    }

    @Test
    void onlyTheSshTransportSpeaksSsh() {
        noClasses().that().resideOutsideOfPackage("dev.jailspec.host.ssh..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.sshd..")
                .because("host.ssh is the SSH transport; everything else sees a Host")
                .check(MAIN);
        noClasses().that().resideInAPackage("dev.jailspec.host").and().resideOutsideOfPackage("dev.jailspec.host.ssh..")
                .should().dependOnClassesThat().resideInAPackage("dev.jailspec.host.ssh..")
                .because("the transports build on host, not host on a transport")
                .check(MAIN);
    }

    @Test
    void onlyTheTargetRegistryOpensTheSshTransport() {
        noClasses().that().resideOutsideOfPackage("dev.jailspec.host.ssh..")
                .and().doNotHaveFullyQualifiedName("dev.jailspec.provision.TargetHost")
                .should().dependOnClassesThat().resideInAPackage("dev.jailspec.host.ssh..")
                .because("ssh:// is one factory of provision.TargetHost; the rest of the run sees a Host")
                .check(MAIN);
    }

    @Test
    void noCycles() {
        slices().matching("dev.jailspec.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    /** The step glue, hooks and parameter types, compiled from src/test. */
    private static final JavaClasses GLUE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPackages("dev.jailspec.steps", "dev.jailspec.hooks", "dev.jailspec.parameters");

    @Test
    void stepGlueCallsTheDomainNotTheSimulatorOrZfsDirectly() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.jailspec.sim..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.jailspec.freebsd.Zfs")
                .because("steps call provision and assert; the simulator is a target like any other, and ZFS is"
                        + " changed only by the procedure's steps, which record their undo")
                .check(GLUE);
    }

    /** The release matrix's runner, compiled from src/test. */
    private static final JavaClasses MATRIX_RUNNER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPackages("dev.jailspec.matrix");

    @Test
    void theMatrixsSchedulerIsPureAndOnlyTheLauncherStartsACellsJvm() {
        classes().that().haveNameMatching("dev\\.jailspec\\.matrix\\.HostScheduler(\\$.*)?")
                .should().onlyDependOnClassesThat(DescribedPredicate.describe("the JDK or the scheduler's own records",
                        (JavaClass c) -> c.getPackageName().startsWith("java.")
                                || c.getName().startsWith("dev.jailspec.matrix.HostScheduler$") || c.getName().equals("dev.jailspec.matrix.HostScheduler")
                                || c.getName().startsWith("dev.jailspec.matrix.CellOutcome")
                                || c.getName().equals("dev.jailspec.matrix.MatrixHost")))
                .because("which cell runs on which host, and what a host dropping out does, is decided in one place"
                        + " that unit tests drive without JVMs, sshd or hosts (HostSchedulerTest)")
                .check(MATRIX_RUNNER);
        noClasses().that().doNotHaveFullyQualifiedName("dev.jailspec.matrix.CellLauncher")
                .should().dependOnClassesThat().haveFullyQualifiedName("java.lang.ProcessBuilder")
                .because("a cell's JVM gets the run's, its host's and its cell's properties in that order in one place")
                .check(MATRIX_RUNNER);
        classes().that().haveFullyQualifiedName("dev.jailspec.matrix.CellLauncher")
                .should().dependOnClassesThat().haveFullyQualifiedName("java.lang.ProcessBuilder")
                .check(MATRIX_RUNNER);
    }

    /** A call of, or a reference to, the method {@code name} of {@code owner} (ArchUnit's calls leave out {@code x::m}). */
    private static DescribedPredicate<JavaAccess<?>> accessTo(String owner, String name) {
        return DescribedPredicate.describe(owner + "." + name,
                a -> a.getTargetOwner().getFullName().equals(owner) && a.getTarget().getName().equals(name));
    }

    @Test
    void onlyThePkgbaseStepsRunPkgIntoATemplate() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.jailspec.provision.InstallPkgbaseSystem")
                .and().doNotHaveFullyQualifiedName("dev.jailspec.provision.UpgradePkgbaseTemplate")
                .should().accessTargetWhere(accessTo("dev.jailspec.freebsd.Pkg", "installBase"))
                .orShould().accessTargetWhere(accessTo("dev.jailspec.freebsd.Pkg", "upgradeBase"))
                .because("pkg changes a template only inside the idempotent pkgbase steps, which run before the"
                        + " template is snapshotted and whose half-built template CreateTemplateDataset's undo removes")
                .check(MAIN);
        classes().that().haveFullyQualifiedName("dev.jailspec.provision.InstallPkgbaseSystem")
                .should().accessTargetWhere(accessTo("dev.jailspec.freebsd.Pkg", "installBase"))
                .check(MAIN);
        classes().that().haveFullyQualifiedName("dev.jailspec.provision.UpgradePkgbaseTemplate")
                .should().accessTargetWhere(accessTo("dev.jailspec.freebsd.Pkg", "upgradeBase"))
                .check(MAIN);
    }

    /** The classes of the one lifecycle: steps declare undos, StepRunner records, Teardown and Reaper run them. */
    private static final String[] LIFECYCLE = {"Teardown", "Undo", "UndoExecutor", "Reaper", "StepRunner"};

    @Test
    void onlyStepRunnerRecordsUndos() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.jailspec.provision.StepRunner")
                .should().accessTargetWhere(accessTo("dev.jailspec.provision.Teardown", "record"))
                .because("a step declares its undos (ProvisionStep.undo) and StepRunner records them before it"
                        + " applies: one path, so nothing is recorded late or twice")
                .check(MAIN);
        // ... and the method named above is the one StepRunner calls, so the rule is not vacuous.
        classes().that().haveFullyQualifiedName("dev.jailspec.provision.StepRunner")
                .should().accessTargetWhere(accessTo("dev.jailspec.provision.Teardown", "record"))
                .check(MAIN);
    }

    @Test
    void onlyTheUndoExecutorRemovesWhatJailspecMade() {
        var executor = java.util.List.of("UndoExecutor", "DevfsRulesUndo", "FreedJailDestroy");
        noClasses().that().resideOutsideOfPackages("dev.jailspec.sim..", "dev.jailspec.freebsd..")
                .and(DescribedPredicate.describe("not the undo executor or its parts", (JavaClass c) ->
                        !(c.getPackageName().equals("dev.jailspec.provision") && executor.contains(c.getSimpleName()))))
                .should().accessTargetWhere(accessTo("dev.jailspec.freebsd.JailService", "onestop"))
                .orShould().accessTargetWhere(accessTo("dev.jailspec.freebsd.Ifconfig", "destroy"))
                .orShould().accessTargetWhere(accessTo("dev.jailspec.freebsd.Zfs", "destroy"))
                .orShould().accessTargetWhere(accessTo("dev.jailspec.freebsd.Zfs", "tryDestroy"))
                .orShould().accessTargetWhere(accessTo("dev.jailspec.freebsd.FileCopy", "removeFile"))
                .because("teardown, the reaper and a step repairing a half-made start all undo through the one"
                        + " UndoExecutor, which checks jailspec's mark first")
                .check(MAIN);
        classes().that().haveFullyQualifiedName("dev.jailspec.provision.UndoExecutor")
                .should().accessTargetWhere(accessTo("dev.jailspec.freebsd.JailService", "onestop"))
                .andShould().accessTargetWhere(accessTo("dev.jailspec.freebsd.Ifconfig", "destroy"))
                .andShould().accessTargetWhere(accessTo("dev.jailspec.freebsd.FileCopy", "removeFile"))
                .check(MAIN);
    }

    @Test
    void stepGlueReachesTheLifecycleOnlyThroughTheProvisioner() {
        for (String name : LIFECYCLE) {
            noClasses().should().dependOnClassesThat().haveFullyQualifiedName("dev.jailspec.provision." + name)
                    .because("steps and hooks change the host through Provisioner, whose steps declare their undos;"
                            + " hooks end a scenario with Provisioner.teardown()/release()")
                    .check(GLUE);
        }
        noClasses().should().accessTargetWhere(accessTo("dev.jailspec.freebsd.JailService", "onestop"))
                .orShould().accessTargetWhere(accessTo("dev.jailspec.freebsd.Ifconfig", "destroy"))
                .orShould().accessTargetWhere(accessTo("dev.jailspec.freebsd.FileCopy", "removeFile"))
                .because("no cleanup path in the step glue: what a scenario stages is a step with its declared undo")
                .check(GLUE);
    }

    @Test
    void mainCodeNeverSleeps() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.jailspec.sim.SimHost")
                .and().resideOutsideOfPackage("dev.jailspec.sim.fixtures..")
                .should().accessTargetWhere(accessTo("java.lang.Thread", "sleep"))
                .orShould().accessTargetWhere(accessTo("java.util.concurrent.TimeUnit", "sleep"))
                .orShould().accessTargetWhere(accessTo("java.util.concurrent.locks.LockSupport", "parkNanos"))
                .because("waiting on the host is provision.Waits (Awaitility), the downloader's backoff is Failsafe's"
                        + " RetryPolicy; only the simulator's injected hang and the fixture server's stall model"
                        + " time passing")
                .check(MAIN);
    }

    @Test
    void whatFeaturesAssertOnAndWhatWaitsPollIsReadFreshNotFromHostState() {
        String[] fresh = {"HostFacts", "LinuxJailChecks", "LinuxUserlandIsolation", "Waits", "FreedJailDestroy",
            "UndoExecutor", "Reaper", "Diagnosis", "Preflight"};
        for (String name : fresh) {
            noClasses().that().haveFullyQualifiedName("dev.jailspec.provision." + name)
                    .should().dependOnClassesThat().haveFullyQualifiedName("dev.jailspec.provision.HostState")
                    .because("a Then step checked against a remembered value proves nothing, a wait must see the host"
                            + " change, and teardown checks its marks on the host it is about to change")
                    .check(MAIN);
        }
        // HostState is package-private: outside provision (the step glue included) nobody can reach it.
        classes().that().haveFullyQualifiedName("dev.jailspec.provision.HostState")
                .should().notBePublic().check(MAIN);
    }

    @Test
    void onlyTheImagePreparationKeepsAndTrustsInspectionsAcrossRuns() {
        noClasses().that().resideOutsideOfPackage("dev.jailspec.artifact..")
                .and().doNotHaveFullyQualifiedName("dev.jailspec.provision.ImagePreparation")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.jailspec.artifact.InspectionCache")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.jailspec.artifact.InspectionCache$Entry")
                .because("an image's cached inspection is taken in one place, after its download's sha256 was checked,"
                        + " and its rules applied again (issue 15)")
                .check(MAIN);
    }

    @Test
    void reportsReadTypedEventsNotTheParsersOfCommandOutput() {
        noClasses().that().resideInAPackage("dev.jailspec.report..")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Parser")
                .orShould().dependOnClassesThat().haveSimpleName("Transcript")
                .because("meaning travels typed on the bus; a report that parsed command output would guess it back")
                .check(MAIN);
    }

    @Test
    void theStepGlueJudgesScenariosOnlyThroughTheWaiversOfReport() {
        noClasses().that().resideOutsideOfPackage("dev.jailspec.report..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.jailspec.report.WaiverAllureListener")
                .because("a waived failure is marked for Allure in one place, just before Allure writes it")
                .check(GLUE);
    }
}
