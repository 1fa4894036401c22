package dev.jailspec.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.freebsd.ZfsDataset;
import dev.jailspec.freebsd.ZfsType;
import dev.jailspec.hooks.World;
import dev.jailspec.provision.Layout;
import dev.jailspec.provision.Provisioner;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.List;

/** features/02_release_template.feature: the dataset tree and the release template. */
public final class TemplateSteps {
    private final Provisioner provisioner;
    private final Layout layout;
    private List<String> checkedChildren = List.of();

    public TemplateSteps(World world) {
        this.provisioner = world.provisioner();
        this.layout = provisioner.layout();
    }

    @When("the jail dataset tree is created under the ZFS root")
    @Given("the jail dataset tree exists under the ZFS root")
    public void datasetTree() {
        provisioner.createDatasetTree();
    }

    @Then("the ZFS root holds the datasets {string}, {string} and {string}")
    public void rootHolds(String a, String b, String c) {
        checkedChildren = List.of(a, b, c);
        List<String> names = provisioner.facts().datasetsUnderRoot().stream().map(ZfsDataset::name).toList();
        assertThat(names).as("datasets under %s", layout.zfsRoot())
                .contains(layout.zfsRoot(), layout.dataset(a), layout.dataset(b), layout.dataset(c));
    }

    @Then("each of them is mounted below the ZFS mountpoint")
    public void mountedBelowMountpoint() {
        assertThat(checkedChildren).as("datasets named by the previous step").isNotEmpty();
        for (String child : checkedChildren) {
            ZfsDataset ds = provisioner.facts().dataset(layout.dataset(child)).orElseThrow();
            assertThat(ds.mountpoint()).as("mountpoint of %s", ds.name()).contains(layout.path(child));
        }
    }

    @When("the template dataset of the release is created")
    public void templateDataset() {
        provisioner.createTemplateDataset();
    }

    /** dist: base.txz fetched, checked and extracted; pkgbase: the repository written, the keys copied, pkg install. */
    @When("the release's base system is put into the template as the template kind says")
    public void baseSystem() {
        provisioner.installBaseSystem();
    }

    /** dist: freebsd-update fetch install; pkgbase: pkg upgrade. */
    @When("the template is patched as the template kind says, without a terminal")
    public void patchTemplate() {
        provisioner.updateTemplate();
    }

    @When("the template is snapshotted as {snapshot}")
    public void snapshot(String name) {
        assertThat(name).as("snapshot name the jails are cloned from").isEqualTo(Layout.BASE_SNAPSHOT);
        provisioner.snapshotTemplate();
    }

    @Given("the release template is snapshotted as {snapshot}")
    public void templateReady(String name) {
        assertThat(name).as("snapshot name the jails are cloned from").isEqualTo(Layout.BASE_SNAPSHOT);
        provisioner.ensureTemplate();
    }

    @Then("the template snapshot {snapshot} exists")
    public void snapshotExists(String name) {
        String snapshot = layout.templateDataset() + "@" + name;
        assertThat(provisioner.facts().dataset(snapshot)).as("zfs list %s", snapshot)
                .hasValueSatisfying(ds -> assertThat(ds.type()).isEqualTo(ZfsType.SNAPSHOT));
    }

    @Then("the template contains the FreeBSD base system of the release")
    public void templateHasBaseSystem() {
        String versionScript = layout.templatePath() + "/bin/freebsd-version";
        assertThat(provisioner.host().stat(versionScript)).as("%s in the template", versionScript).isPresent();
        assertThat(provisioner.host().readText(versionScript)).as("userland version in %s", versionScript)
                .contains("USERLAND_VERSION=\"" + layout.release());
    }
}
