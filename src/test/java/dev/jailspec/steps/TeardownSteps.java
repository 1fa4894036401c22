package dev.jailspec.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.hooks.World;
import dev.jailspec.provision.Layout;
import dev.jailspec.provision.Provisioner;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

/** features/07_teardown.feature: what teardown removes and what it keeps. */
public final class TeardownSteps {
    private final World world;
    private final Provisioner provisioner;
    private final Layout layout;

    public TeardownSteps(World world) {
        this.world = world;
        this.provisioner = world.provisioner();
        this.layout = provisioner.layout();
    }

    @When("the scenario's changes are torn down")
    public void tearDown() {
        provisioner.undoChanges();
    }

    @Then("the jail's clone of the Linux template no longer exists, and the Linux template's {snapshot} stays")
    public void linuxTemplateKept(String snapshot) {
        var template = provisioner.linuxTemplate();
        // jailspec.linux.template=false: the userland was in the jail's own clone, which is gone with it.
        String clone = template.map(t -> t.cloneDataset()).orElse(layout.jailDataset());
        assertThat(provisioner.facts().dataset(clone)).as("zfs list %s", clone).isEmpty();
        template.ifPresent(t -> assertThat(provisioner.facts().dataset(t.dataset() + "@" + snapshot))
                .as("zfs list %s@%s", t.dataset(), snapshot).isPresent());
    }

    @Then("the jail's dataset no longer exists")
    public void datasetGone() {
        assertThat(provisioner.facts().dataset(layout.jailDataset())).as("zfs list %s", layout.jailDataset()).isEmpty();
    }

    @Then("the jail's configuration file no longer exists")
    public void confGone() {
        assertThat(provisioner.host().stat(layout.jailConfPath())).as(layout.jailConfPath()).isEmpty();
    }

    @Then("\\/etc\\/devfs.rules and the kernel hold jailspec's devfs ruleset only if jailspec.teardown.hostconfig is keep")
    public void devfsRulesetGone() {
        boolean keep = world.run().settings().keepHostConfig();
        assertThat(provisioner.facts().linuxDevfsRulesetPresent()).as("jailspec's section of /etc/devfs.rules or its loaded"
                + " ruleset %d", world.run().settings().linuxDevfsRuleset()).isEqualTo(keep);
    }
}
