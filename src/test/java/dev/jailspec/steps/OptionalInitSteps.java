package dev.jailspec.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.freebsd.PrefixedHost;
import dev.jailspec.hooks.World;
import dev.jailspec.provision.Provisioner;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.ArrayList;
import java.util.List;

/** features/06_optional_init.feature: the how-to's step 23, run in the Linux userland. */
public final class OptionalInitSteps {
    private final Provisioner provisioner;

    public OptionalInitSteps(World world) {
        this.provisioner = world.provisioner();
    }

    /**
     * The how-to's {@code dnf install --nogpgcheck https://mirrors.rpmfusion.org/KIND/el/rpmfusion-KIND-release-$(rpm -E %rhel).noarch.rpm}
     * without a shell: {@code rpm -E %rhel} runs on its own and the URL is built here.
     */
    @When("the RPM Fusion {word} release package for this EL major release is installed without GPG check")
    public void rpmFusionRelease(String kind) {
        assertThat(kind).as("RPM Fusion repository kind").isIn("free", "nonfree");
        String major = provisioner.runInLinuxUserland(List.of("rpm", "-E", "%rhel")).stdout().trim();
        assertThat(major).as("what `rpm -E %%rhel` printed").matches("\\d+");
        String url = "https://mirrors.rpmfusion.org/" + kind + "/el/rpmfusion-" + kind + "-release-" + major + ".noarch.rpm";
        provisioner.runInLinuxUserland(List.of("dnf", "-y", "install", "--nogpgcheck", url));
    }

    @Then("{command} in the Linux userland prints {string}")
    public void prints(List<String> argv, String line) {
        assertThat(provisioner.runInLinuxUserland(argv).stdoutLines()).as("output of %s", argv).containsExactly(line);
    }

    /** The how-to pipes to grep; here the lines are filtered in Java and compared to the space. */
    @Then("the lines of {command} in the Linux userland that contain {string} are:")
    public void linesContaining(List<String> argv, String word, String expected) {
        List<String> lines = provisioner.runInLinuxUserland(argv).stdoutLines().stream().filter(l -> l.contains(word)).toList();
        assertThat(lines).as("lines of %s containing %s", argv, word).containsExactlyElementsOf(expected.lines().toList());
    }

    /** Read, add or replace the line, write: through the file API of the userland, not a shell. */
    @When("the Linux userland's {string} has {string} in its [main] section")
    public void setMainOption(String path, String assignment) {
        PrefixedHost userland = provisioner.insideLinuxUserland();
        // Rocky's dnf-data ships the file: a missing one is a broken userland, not something to create.
        assertThat(userland.stat(path)).as("%s in the Linux userland", path).isPresent();
        String text = userland.readText(path);
        userland.writeText(path, withMainOption(text, assignment));
    }

    @Then("{command} in the Linux userland shows {string} in the [main] section")
    public void showsInMain(List<String> argv, String assignment) {
        String text = provisioner.runInLinuxUserland(argv).stdout();
        assertThat(mainSection(text)).as("[main] of the output of %s", argv).contains(assignment);
    }

    /** {@code text} (an INI file such as dnf.conf) with {@code key=value} set in [main], added or replaced. */
    static String withMainOption(String text, String assignment) {
        String key = assignment.substring(0, assignment.indexOf('=')).trim();
        List<String> lines = new ArrayList<>(text.isEmpty() ? List.of() : text.lines().toList());
        int main = lines.stream().map(String::trim).toList().indexOf("[main]");
        if (main < 0) {
            lines.add(0, "[main]");
            lines.add(1, assignment);
            return String.join("\n", lines) + "\n";
        }
        int end = main + 1;
        int insertAt = main + 1;
        for (; end < lines.size() && !lines.get(end).trim().startsWith("["); end++) {
            String t = lines.get(end).trim();
            if (t.contains("=") && t.substring(0, t.indexOf('=')).trim().equals(key)) {
                lines.set(end, assignment);
                return String.join("\n", lines) + "\n";
            }
            if (!t.isEmpty()) {
                insertAt = end + 1;
            }
        }
        lines.add(insertAt, assignment);
        return String.join("\n", lines) + "\n";
    }

    /** The lines of the [main] section, trimmed. */
    static List<String> mainSection(String text) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : text.lines().map(String::trim).toList()) {
            if (line.startsWith("[")) {
                in = line.equals("[main]");
            } else if (in && !line.isEmpty()) {
                out.add(line);
            }
        }
        return out;
    }
}
