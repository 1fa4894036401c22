package dev.jailspec.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.artifact.OsRelease;
import dev.jailspec.freebsd.PrefixedHost;
import dev.jailspec.hooks.World;
import dev.jailspec.provision.Layout;
import dev.jailspec.provision.Provisioner;
import dev.jailspec.report.Attachments;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

/** features/04_rocky_userland.feature: the Rocky image in the jail's /compat/rocky. */
public final class RockySteps {
    private final World world;
    private final Provisioner provisioner;

    public RockySteps(World world) {
        this.world = world;
        this.provisioner = world.provisioner();
    }

    /** Files of the jail, read on the host under the jail's path (the jail need not run). */
    private PrefixedHost jailFiles() {
        return provisioner.insideJail();
    }

    @When("the Rocky Linux image is fetched, checked against its CHECKSUM and extracted into {string}")
    public void installRocky(String dir) {
        assertThat(dir).as("where the jail's config mounts the Linux file systems").isEqualTo(world.run().layout().linuxRootInJail());
        provisioner.installLinuxUserland();
    }

    @Then("{string} in the jail names Rocky Linux of the configured major release")
    public void osReleaseIsRocky(String path) {
        String text = jailFiles().readText(path);
        Attachments.text(path + " (in the jail, read on the host)", text);
        OsRelease os = OsRelease.parse(text);
        assertThat(os.id()).as("ID in %s", path).isEqualTo("rocky");
        assertThat(os.majorVersion()).as("VERSION_ID in %s (%s)", path, os.prettyName())
                .isEqualTo(world.run().linuxUserland().settings().release());
    }

    @Then("the userland has {string} and {string}")
    public void userlandHas(String a, String b) {
        for (String program : new String[] {a, b}) {
            String inJail = world.run().layout().linuxRootInJail() + program;
            assertThat(jailFiles().stat(inJail)).as("%s in the jail", inJail).isPresent();
        }
    }

    @Then("{string} in the jail keeps its setuid bit")
    public void keepsSetuid(String path) {
        assertThat(jailFiles().stat(path)).as("%s in the jail", path)
                .hasValueSatisfying(st -> assertThat(st.mode() & 04000).as("mode %o of %s", st.mode(), path)
                        .isEqualTo(04000));
    }

    @Then("{string} in the jail is the host's resolv.conf")
    public void resolvConfCopied(String path) {
        assertThat(jailFiles().readText(path)).as("%s in the jail", path)
                .isEqualTo(provisioner.host().readText("/etc/resolv.conf"));
    }
}
