package dev.jailspec.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.freebsd.PrefixedHost;
import dev.jailspec.hooks.World;
import dev.jailspec.linux.IniFile;
import dev.jailspec.linux.LinuxDistribution;
import dev.jailspec.provision.Provisioner;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.List;

/** features/06_optional_init.feature: the how-to's step 23, run in the Linux userland. */
public final class OptionalInitSteps {
    private final World world;
    private final Provisioner provisioner;

    public OptionalInitSteps(World world) {
        this.world = world;
        this.provisioner = world.provisioner();
    }

    /**
     * The how-to's {@code dnf install --nogpgcheck https://mirrors.rpmfusion.org/KIND/el/rpmfusion-KIND-release-$(rpm -E %rhel).noarch.rpm}
     * without a shell: {@code rpm -E %rhel} runs on its own and the distribution builds the URL.
     */
    @When("the RPM Fusion {word} release package for this EL major release is installed without GPG check")
    public void rpmFusionRelease(String kind) {
        assertThat(kind).as("RPM Fusion repository kind").isIn("free", "nonfree");
        String major = provisioner.runInLinuxUserland(List.of("rpm", "-E", "%rhel")).stdout().trim();
        assertThat(major).as("what `rpm -E %%rhel` printed").matches("\\d+");
        var addOn = kind.equals("free") ? LinuxDistribution.AddOn.RPM_FUSION_FREE : LinuxDistribution.AddOn.RPM_FUSION_NONFREE;
        String url = world.run().linuxUserland().distribution().addOnReleasePackage(addOn, major).toString();
        provisioner.runInLinuxUserland(List.of("dnf", "-y", "install", "--nogpgcheck", url));
    }

    @Then("{command} in the Linux userland prints {string}")
    public void prints(List<String> argv, String line) {
        assertThat(provisioner.runInLinuxUserland(argv).stdoutLines()).as("output of %s", argv).containsExactly(line);
    }

    /**
     * The how-to pipes to grep; here the lines are filtered in Java and compared to the space;
     * {@code <major>} in the expected lines is the configured EL major release.
     */
    @Then("the lines of {command} in the Linux userland that contain {string} are:")
    public void linesContaining(List<String> argv, String word, String expected) {
        List<String> lines = provisioner.runInLinuxUserland(argv).stdoutLines().stream().filter(l -> l.contains(word)).toList();
        String major = world.run().linuxUserland().settings().release();
        assertThat(lines).as("lines of %s containing %s", argv, word)
                .containsExactlyElementsOf(expected.replace("<major>", major).lines().toList());
    }

    /** Read, add or replace the line, write: through the file API of the userland, not a shell. */
    @When("the Linux userland's {string} has {string} in its [main] section")
    public void setMainOption(String path, String assignment) {
        PrefixedHost userland = provisioner.insideLinuxUserland();
        // Rocky's dnf-data ships the file: a missing one is a broken userland, not something to create.
        assertThat(userland.stat(path)).as("%s in the Linux userland", path).isPresent();
        String text = userland.readText(path);
        userland.writeText(path, IniFile.withOption(text, "main", assignment));
    }

    @Then("{command} in the Linux userland shows {string} in the [main] section")
    public void showsInMain(List<String> argv, String assignment) {
        String text = provisioner.runInLinuxUserland(argv).stdout();
        assertThat(IniFile.section(text, "main")).as("[main] of the output of %s", argv).contains(assignment);
    }
}
