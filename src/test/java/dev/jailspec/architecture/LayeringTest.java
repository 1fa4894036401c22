package dev.jailspec.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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

    @Test
    void reportsReadTypedEventsNotTheParsersOfCommandOutput() {
        noClasses().that().resideInAPackage("dev.jailspec.report..")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Parser")
                .orShould().dependOnClassesThat().haveSimpleName("Transcript")
                .because("meaning travels typed on the bus; a report that parsed command output would guess it back")
                .check(MAIN);
    }
}
