package dev.jailspec.provision;

import static dev.jailspec.provision.SimRuns.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.config.Settings;
import dev.jailspec.event.CommandKind;
import dev.jailspec.event.CommandStarted;
import dev.jailspec.event.LinuxTemplateUsed;
import dev.jailspec.host.Command;
import dev.jailspec.sim.SimHost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: the Rocky userland is extracted once per image into the kept Linux template, and each
 * Linux jail gets a clone of its {@code @base}; another image or recipe rebuilds it with the reason,
 * {@code jailspec.linux.template=false} extracts every time, and only jailspec's own template is touched.
 */
class LinuxTemplateOnSimTest {
    private static final String TEMPLATE = "zdata/jails/templates/14.3-RELEASE-rocky9";
    private static final String CLONE = "zdata/jails/containers/lrdev/rocky";

    @TempDir
    Path dir;
    private Path root;

    /** What one scenario did: the extractions of the image and the template's use. */
    private record Scenario(List<String> extractions, List<LinuxTemplateUsed> used) {
    }

    @BeforeEach
    void hostWithReleaseTemplate() {
        root = dir.resolve("host");
        SimRuns.copy(SimRuns.templateHost(), root);
    }

    private Settings settings(String... extra) {
        return SimRuns.settings(root, SimRuns.cache(), "5s", extra);
    }

    /** One Linux-jail scenario in a run of its own, torn down at its end. */
    private Scenario scenario(String runId, String... extra) {
        List<String> extractions = new ArrayList<>();
        List<LinuxTemplateUsed> used = new ArrayList<>();
        try (JailspecRun run = SimRuns.open(settings(extra), runId)) {
            run.bus().subscribe(CommandStarted.class, e -> {
                if (e.command().intent().kind() == CommandKind.EXTRACT && e.command().argv().contains("--numeric-owner")) {
                    extractions.add(String.join(" ", e.command().argv()));
                }
            });
            run.bus().subscribe(LinuxTemplateUsed.class, used::add);
            Provisioner p = new Provisioner(run);
            p.ensureLinuxJailRunning();
            assertThat(p.runInLinuxUserland(List.of("cat", "/etc/os-release")).stdout()).contains("Rocky Linux");
            p.teardown();
        }
        return new Scenario(extractions, used);
    }

    private SimHost host() {
        return SimRuns.plain(root);
    }

    private boolean exists(String dataset) {
        return host().run(Command.of("zfs", "list", "-H", "-o", "name", dataset)).exitCode() == 0;
    }

    private String prop(String dataset, String property) {
        return ok(host(), "zfs", "get", "-H", "-o", "value,source", property, dataset).strip();
    }

    @Test
    void theFirstScenarioBuildsTheTemplateAndTheNextClonesItWithoutExtracting() {
        Scenario first = scenario("tpl-1");
        assertThat(first.extractions()).as("the first scenario's extractions").singleElement().asString()
                .contains("-C /zdata/jails/templates/14.3-RELEASE-rocky9 ");
        assertThat(first.used()).singleElement().satisfies(u -> {
            assertThat(u.change()).isEqualTo(LinuxTemplateUsed.Change.BUILT);
            assertThat(u.template()).isEqualTo(TEMPLATE);
            assertThat(u.cloneDataset()).isEqualTo(CLONE);
        });
        assertThat(prop(TEMPLATE, Marks.KEEP)).isEqualTo("linux-template\tlocal");
        assertThat(prop(TEMPLATE, Marks.LINUX_RECIPE)).isEqualTo(LinuxImageExtraction.RECIPE + "\tlocal");
        assertThat(prop(TEMPLATE, Marks.LINUX_IMAGE)).matches("[0-9a-f]{64}\tlocal");
        assertThat(exists(TEMPLATE + "@base")).as("the template's snapshot").isTrue();
        assertThat(exists(CLONE)).as("teardown destroyed the jail's clone of the template").isFalse();
        assertThat(exists("zdata/jails/containers/lrdev")).as("and the jail's own clone").isFalse();

        Scenario second = scenario("tpl-2");
        assertThat(second.extractions()).as("the second scenario extracts nothing").isEmpty();
        assertThat(second.used()).singleElement().extracting(LinuxTemplateUsed::change)
                .isEqualTo(LinuxTemplateUsed.Change.REUSED);
        assertThat(exists(TEMPLATE)).as("the template is kept").isTrue();
        assertThat(exists(CLONE)).isFalse();
    }

    @Test
    void theClonesMarksAreItsOwnAndTheTemplatesAreNotInherited() {
        try (JailspecRun run = SimRuns.open(settings(), "tpl-marks")) {
            Provisioner p = new Provisioner(run);
            p.ensureLinuxJailRunning();
            // OpenZFS: a clone's properties come from its parent dataset, not its origin (dsl_prop_get_dd walks
            // dd_parent; a clone's origin is no parent): the template's keep and image marks stay on the template.
            assertThat(prop(CLONE, Marks.RUN)).isEqualTo("tpl-marks\tlocal");
            assertThat(prop(CLONE, Marks.KEEP)).isEqualTo("tree\tinherited from zdata/jails/containers");
            assertThat(prop(CLONE, Marks.LINUX_IMAGE)).isEqualTo("-\t-");
            assertThat(prop(CLONE, "origin")).isEqualTo(TEMPLATE + "@base\t-");
            assertThat(prop(CLONE, "mountpoint")).isEqualTo("/zdata/jails/containers/lrdev/compat/rocky\tlocal");
            assertThat(prop(CLONE, "exec")).startsWith("on\t");
            p.teardown();
        }
    }

    @Test
    void anotherImageRebuildsTheTemplateSayingWhy() {
        scenario("img-1");
        Scenario other = scenario("img-2", "jailspec.sim.rocky.format", "rootfs");
        assertThat(other.extractions()).as("the other image is extracted once").singleElement().asString()
                .contains("-C /zdata/jails/templates/14.3-RELEASE-rocky9 ");
        assertThat(other.used()).singleElement().satisfies(u -> {
            assertThat(u.change()).isEqualTo(LinuxTemplateUsed.Change.REBUILT);
            assertThat(u.reason()).startsWith("the image's sha256 is now ").contains("jailspec:linux-image is ");
        });
        assertThat(scenario("img-3", "jailspec.sim.rocky.format", "rootfs").extractions()).isEmpty();
    }

    @Test
    void anotherRecipeRebuildsTheTemplateSayingWhy() {
        scenario("recipe-1");
        ok(host(), "zfs", "set", Marks.LINUX_RECIPE + "=0/an-older-extraction", TEMPLATE);
        Scenario rebuilt = scenario("recipe-2");
        assertThat(rebuilt.extractions()).hasSize(1);
        assertThat(rebuilt.used()).singleElement().satisfies(u -> {
            assertThat(u.change()).isEqualTo(LinuxTemplateUsed.Change.REBUILT);
            assertThat(u.reason()).isEqualTo("the extraction is now " + LinuxImageExtraction.RECIPE
                    + ", the template's jailspec:linux-recipe is 0/an-older-extraction");
        });
        assertThat(prop(TEMPLATE, Marks.LINUX_RECIPE)).isEqualTo(LinuxImageExtraction.RECIPE + "\tlocal");
    }

    @Test
    void aStaleTemplateHoldingSomeoneElsesSnapshotIsNotDestroyed() {
        scenario("held-1");
        ok(host(), "zfs", "set", Marks.LINUX_RECIPE + "=0/an-older-extraction", TEMPLATE);
        // A snapshot someone else took: it shows the template's marks only as inherited, so it is not jailspec's.
        ok(host(), "zfs", "snapshot", TEMPLATE + "@mine");
        try (JailspecRun run = SimRuns.open(settings(), "held-2")) {
            Provisioner p = new Provisioner(run);
            assertThatThrownBy(p::ensureLinuxJailRunning).isInstanceOf(ProvisionException.class)
                    .hasMessageContaining("the Linux template " + TEMPLATE + " must be rebuilt (the extraction is now")
                    .hasMessageContaining("holds " + TEMPLATE + "@mine, which jailspec did not create; nothing was destroyed");
            p.teardown();
        }
        assertThat(exists(TEMPLATE + "@mine")).isTrue();
        assertThat(exists(TEMPLATE + "@base")).isTrue();
    }

    @Test
    void withTheSettingOffEveryScenarioExtractsIntoItsOwnClone() {
        for (String runId : List.of("off-1", "off-2")) {
            Scenario s = scenario(runId, "jailspec.linux.template", "false");
            assertThat(s.extractions()).as(runId).singleElement().asString()
                    .contains("-C /zdata/jails/containers/lrdev/compat/rocky ");
            assertThat(s.used()).isEmpty();
        }
        assertThat(exists(TEMPLATE)).as("no Linux template").isFalse();
    }

    @Test
    void aForeignDatasetAtTheTemplatesNameIsRefusedAndLeftAlone() {
        // Below the tree it inherits the tree's marks: inherited is not jailspec's own.
        ok(host(), "zfs", "create", TEMPLATE);
        try (JailspecRun run = SimRuns.open(settings(), "foreign")) {
            Provisioner p = new Provisioner(run);
            assertThatThrownBy(p::ensureLinuxJailRunning).isInstanceOf(ProvisionException.class)
                    .hasMessageContaining(TEMPLATE + " already exists and was not created by jailspec")
                    .hasMessageContaining("jailspec.linux.template=false");
            p.teardown();
        }
        assertThat(exists(TEMPLATE)).as("the foreign dataset is not destroyed").isTrue();
        assertThat(exists("zdata/jails/containers/lrdev")).isFalse();
    }

    @Test
    void theReaperRemovesACrashedRunsCloneAndKeepsTheTemplate() {
        try (JailspecRun run = SimRuns.open(settings(), "crashed")) {
            Provisioner p = new Provisioner(run);
            p.ensureLinuxJailRunning();
            p.release(); // as if the JVM died: nothing tears it down
        }
        assertThat(exists(CLONE)).isTrue();
        try (JailspecRun run = SimRuns.open(settings(), "after-crash")) {
            assertThat(run.reaped()).as("what the reaper removed").anyMatch(r -> r.contains(CLONE) || r.contains(
                    "zdata/jails/containers/lrdev "));
        }
        assertThat(exists(CLONE)).as("the crashed run's clone").isFalse();
        assertThat(exists("zdata/jails/containers/lrdev")).isFalse();
        assertThat(exists(TEMPLATE + "@base")).as("the Linux template").isTrue();
        assertThat(SimRuns.markedNotKept(host())).isEmpty();
    }
}
