package dev.jailspec.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jailspec.freebsd.Ifconfig;
import dev.jailspec.hooks.World;
import dev.jailspec.provision.JailConfTemplate;
import dev.jailspec.provision.Layout;
import dev.jailspec.provision.Marks;
import dev.jailspec.provision.ProvisionException;
import dev.jailspec.provision.Provisioner;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;

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
        assertThat(provisioner.facts().runMark(layout.jailDataset())).as("jailspec:run set on %s", layout.jailDataset())
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
                .as("description of %s", layout.hostInterface()).contains(Marks.epairDescription(layout.jailName()));
    }

    @Given("a dataset that jailspec did not create is where the jail's clone goes")
    public void foreignDataset() {
        foreignDataset = layout.jailDataset();
        provisioner.plantForeignDataset(foreignDataset);
    }

    @Then("cloning the template snapshot to the jail's dataset is refused, naming that dataset")
    public void cloneRefused() {
        assertThatThrownBy(provisioner::cloneJail).isInstanceOf(ProvisionException.class)
                .hasMessageContaining(foreignDataset + " already exists and was not created by this run")
                .hasMessageContaining("choose another jailspec.jail.name");
    }

    @Then("that dataset still exists")
    public void stillThere() {
        assertThat(provisioner.facts().dataset(foreignDataset)).as("zfs list %s", foreignDataset).isPresent();
    }
}
