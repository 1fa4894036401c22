package dev.jailspec.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.hooks.World;
import dev.jailspec.provision.Preflight.Finding;
import dev.jailspec.provision.Provisioner;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.List;

/** features/01_host_preflight.feature: what the host must have, and the Linux ABI. */
public final class PreflightSteps {
    private final Provisioner provisioner;

    public PreflightSteps(World world) {
        this.provisioner = world.provisioner();
    }

    @Then("the host passes the preflight checks:")
    public void passesChecks(DataTable checks) {
        List<Finding> findings = provisioner.preflight();
        for (String check : checks.asList().subList(1, checks.height())) {
            assertThat(findings).as("preflight findings").anySatisfy(f -> {
                assertThat(f.check()).startsWith(check);
                assertThat(f.ok()).as("%s: %s; fix: %s", f.check(), f.detail(), f.fix()).isTrue();
            });
        }
    }

    @When("the Linux ABI is enabled with sysrc and \"service linux start\"")
    public void enableLinuxAbi() {
        provisioner.enableLinuxAbi();
    }

    @Then("kldstat shows the kernel file {string} loaded")
    public void kernelFileLoaded(String file) {
        assertThat(provisioner.facts().kernelFileLoaded(file)).as("kldstat -q -n %s", file).isTrue();
    }
}
