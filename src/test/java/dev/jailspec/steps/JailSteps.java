package dev.jailspec.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.freebsd.JailInfo;
import dev.jailspec.freebsd.ServiceJailStopOutcome;
import dev.jailspec.freebsd.ZfsDataset;
import dev.jailspec.hooks.World;
import dev.jailspec.jailconf.JailParameters;
import dev.jailspec.provision.Layout;
import dev.jailspec.provision.Provisioner;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;

/** features/03_thin_jail.feature: rc.conf, the clone, the jail's config file, start and stop. */
public final class JailSteps {
    private final Provisioner provisioner;
    private final Layout layout;
    private JailParameters config;

    public JailSteps(World world) {
        this.provisioner = world.provisioner();
        this.layout = provisioner.layout();
    }

    // Cucumber ignores the keyword when matching: this also serves "Given jails are enabled in rc.conf".
    @When("jails are enabled in rc.conf")
    public void enableJails() {
        provisioner.enableJailsAtBoot();
    }

    @Then("rc.conf sets {string} to {string}")
    public void rcConfSets(String variable, String value) {
        assertThat(provisioner.facts().rcConf(variable)).as("sysrc %s", variable).contains(value);
    }

    @When("the template snapshot is cloned to the jail's dataset")
    public void cloneJail() {
        provisioner.cloneJail();
    }

    @Then("the jail's dataset has the template snapshot {snapshot} as its origin")
    public void originIsTemplate(String snapshot) {
        ZfsDataset ds = provisioner.facts().dataset(layout.jailDataset()).orElseThrow(
                () -> new AssertionError("zfs list " + layout.jailDataset() + ": dataset does not exist"));
        assertThat(ds.origin()).as("origin of %s", ds.name()).contains(layout.templateDataset() + "@" + snapshot);
    }

    @Then("the jail's dataset lets the userland run: exec and setuid on, readonly off")
    public void cloneLetsUserlandRun() {
        assertThat(provisioner.checks().cloneProperties().problems()).as("zfs get exec,setuid,readonly %s", layout.jailDataset())
                .isEmpty();
    }

    @Then("the jail's dataset is mounted at the jail's path")
    public void mountedAtJailPath() {
        assertThat(provisioner.facts().dataset(layout.jailDataset()).flatMap(ZfsDataset::mountpoint))
                .as("mountpoint of %s", layout.jailDataset()).contains(layout.jailPath());
    }

    @When("the jail's configuration is written to its file in \\/etc\\/jail.conf.d")
    public void writeConfig() {
        config = provisioner.writeJailConf(false);
    }

    @Then("the configuration gives the jail its path, its VNET interface and devfs ruleset {int}")
    public void configHasEssentials(int ruleset) {
        assertThat(provisioner.facts().configFileForServiceJail()).as("file service jail start reads")
                .isEqualTo(layout.jailConfPath());
        assertThat(config.value("path")).as("path").contains(layout.jailPath());
        assertThat(config.flag("vnet")).as("vnet").isTrue();
        assertThat(config.value("vnet.interface")).as("vnet.interface").contains(layout.jailInterface());
        assertThat(config.value("devfs_ruleset")).as("devfs_ruleset").contains(String.valueOf(ruleset));
        assertThat(config.values("exec.prestart")).as("exec.prestart")
                .contains("/sbin/ifconfig " + layout.bridge() + " addm " + layout.hostInterface() + " up");
        assertThat(config.values("exec.start")).as("exec.start")
                .startsWith("/sbin/ifconfig " + layout.jailInterface() + " " + layout.jailAddress() + " up",
                        "/sbin/route add default " + layout.gateway());
    }

    @When("the jail is started with \"service jail start\"")
    public void startJail() {
        provisioner.startJail();
    }

    @Given("the jail is running")
    public void jailRunning() {
        provisioner.ensureJailRunning(false);
    }

    @Then("within {duration} jls shows the jail running at its path")
    public void jlsShowsJail(Duration timeout) {
        JailInfo jail = provisioner.awaitJailRunning(timeout);
        assertThat(jail.name()).as("jail name").contains(layout.jailName());
        assertThat(jail.path()).as("jail path").isEqualTo(layout.jailPath());
    }

    @When("the jail is stopped with \"service jail stop\"")
    public void stopJail() {
        ServiceJailStopOutcome outcome = provisioner.stopJail();
        assertThat(outcome.status()).as("service jail stop %s said:%n%s", layout.jailName(), outcome.jailOutput())
                .isEqualTo(ServiceJailStopOutcome.Status.STOPPED);
    }

    @Then("within {duration} jls no longer lists the jail")
    public void jlsNoLongerLists(Duration timeout) {
        provisioner.awaitJailGone(timeout);
        assertThat(provisioner.facts().findJail()).as("jls -j %s", layout.jailName()).isEmpty();
    }
}
