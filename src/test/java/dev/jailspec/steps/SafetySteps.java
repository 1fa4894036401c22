package dev.jailspec.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.freebsd.DestroyMode;
import dev.jailspec.freebsd.Ifconfig;
import dev.jailspec.freebsd.Zfs;
import dev.jailspec.hooks.World;
import dev.jailspec.provision.JailConfTemplate;
import dev.jailspec.provision.Layout;
import dev.jailspec.provision.ProvisionException;
import dev.jailspec.provision.Provisioner;
import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import java.util.Map;

/** features/08_safety.feature: jailspec's marks, and what it refuses to touch. */
public final class SafetySteps {
    private final Provisioner provisioner;
    private final Layout layout;
    private String foreignDataset;

    public SafetySteps(World world) {
        this.provisioner = world.provisioner();
        this.layout = provisioner.layout();
    }

    @Then("the jail's dataset carries this run's mark")
    public void datasetMarked() {
        assertThat(provisioner.runMark(layout.jailDataset())).as("jailspec:run set on %s", layout.jailDataset())
                .contains(provisioner.runId());
    }

    @Then("the jail's configuration file starts with this run's mark")
    public void confMarked() {
        assertThat(provisioner.host().readText(layout.jailConfPath()).lines().findFirst())
                .as("first line of %s", layout.jailConfPath()).contains(JailConfTemplate.markLine(provisioner.runId()));
    }

    @Then("the host side of the jail's epair is described as the jail's")
    public void epairDescribed() {
        assertThat(new Ifconfig(provisioner.host()).describe(layout.hostInterface()).description())
                .as("description of %s", layout.hostInterface()).contains("jail:" + layout.jailName());
    }

    @Given("a dataset that jailspec did not create is where the jail's clone goes")
    public void foreignDataset() {
        new Zfs(provisioner.host()).create(layout.jailDataset(), false, Map.of());
        foreignDataset = layout.jailDataset();
    }

    @Then("cloning the template snapshot to the jail's dataset is refused, naming that dataset")
    public void cloneRefused() {
        assertThatThrownBy(provisioner::cloneJail).isInstanceOf(ProvisionException.class)
                .hasMessageContaining(foreignDataset + " already exists and was not created by this run")
                .hasMessageContaining("choose another jailspec.jail.name");
    }

    @Then("that dataset still exists")
    public void stillThere() {
        assertThat(provisioner.dataset(foreignDataset)).as("zfs list %s", foreignDataset).isPresent();
    }

    /** After the scenario's teardown (order 10000 runs first): the scenario removes the dataset it made itself. */
    @After(order = 100)
    public void removeForeignDataset() {
        if (foreignDataset != null && provisioner.dataset(foreignDataset).isPresent()) {
            new Zfs(provisioner.host()).destroy(foreignDataset, DestroyMode.RECURSIVE);
        }
    }
}
