package dev.jailspec.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jailspec.artifact.OsRelease;
import dev.jailspec.freebsd.IfconfigInet;
import dev.jailspec.freebsd.Ifconfig;
import dev.jailspec.freebsd.MountEntry;
import dev.jailspec.freebsd.Mounts;
import dev.jailspec.freebsd.Route;
import dev.jailspec.hooks.World;
import dev.jailspec.host.CommandResult;
import dev.jailspec.linux.DnfRepolist;
import dev.jailspec.provision.Layout;
import dev.jailspec.provision.LinuxKernelMessages;
import dev.jailspec.provision.LinuxUserlandIsolation;
import dev.jailspec.provision.Provisioner;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.List;
import java.util.Map;

/** features/05_start_and_verify.feature and 06: the running Linux jail, checked from inside. */
public final class VerifySteps {
    private final World world;
    private final Provisioner provisioner;
    private final Layout layout;

    public VerifySteps(World world) {
        this.world = world;
        this.provisioner = world.provisioner();
        this.layout = provisioner.layout();
    }

    @Given("the Linux jail is running with the Rocky userland")
    public void linuxJailRunning() {
        provisioner.ensureLinuxJailRunning();
    }

    @Then("inside the jail the epair's {string} side has the jail's address")
    public void epairHasAddress(String side) {
        String ifname = layout.epair() + side;
        List<IfconfigInet> inet = new Ifconfig(provisioner.insideJail()).describe(ifname).inet();
        assertThat(inet).as("jexec %s ifconfig %s", layout.jailName(), ifname)
                .anySatisfy(a -> assertThat(a.cidr()).isEqualTo(layout.jailAddress()));
    }

    @Then("inside the jail the default route goes to the gateway")
    public void defaultRoute() {
        assertThat(new Route(provisioner.insideJail()).defaultGateway())
                .as("jexec %s route -n get default", layout.jailName()).contains(layout.gateway());
    }

    @Then("inside the jail these file systems are mounted:")
    public void mounted(DataTable table) {
        List<MountEntry> mounts = new Mounts(provisioner.insideJail()).list();
        for (Map<String, String> row : table.asMaps()) {
            assertThat(mounts).as("jexec %s mount", layout.jailName()).anySatisfy(m -> {
                assertThat(m.fsType()).isEqualTo(row.get("type"));
                assertThat(m.mountPoint()).isEqualTo(row.get("mount point"));
            });
        }
    }

    @Then("\\/proc\\/self\\/mountinfo in the Linux userland lists these mounts:")
    public void mountinfoLists(DataTable table) {
        var mounts = provisioner.checks().mountinfo();
        for (Map<String, String> row : table.asMaps()) {
            assertThat(mounts).as("cat /proc/self/mountinfo in the Linux userland").anySatisfy(m -> {
                assertThat(m.fsType()).isEqualTo(row.get("type"));
                assertThat(m.mountPoint()).isEqualTo(row.get("mount point"));
            });
        }
    }

    @Then("a pseudo-terminal can be opened in the Linux userland")
    public void ptyOpens() {
        assertThat(provisioner.checks().ptyProblem()).isEmpty();
    }

    @Then("the Linux userland's \\/dev holds no disk, mem, kmem or io node")
    public void linuxDevHoldsNoHostDevice() {
        List<String> nodes = provisioner.linuxIsolation().devNodes();
        assertThat(LinuxUserlandIsolation.hostDevices(nodes)).as("host devices in %s/dev (all: %s)",
                world.run().layout().linuxRootInJail(), nodes).isEmpty();
        assertThat(nodes).as("%s/dev", world.run().layout().linuxRootInJail()).contains("null", "shm", "fd");
    }

    @Then("the Linux userland's \\/tmp and \\/home are the host's only as jailspec.linux.hostDirs asks")
    public void linuxHostDirsOnlyAsAsked() {
        assertThat(provisioner.linuxIsolation().sharedHostDirs()).as("host directories nullfs-mounted in %s",
                world.run().layout().linuxRootInJail()).containsExactlyInAnyOrderElementsOf(world.run().settings().linuxHostDirs());
    }

    @Then("{string} is mounted with mode {mode}")
    public void mountedWithMode(String path, int expected) {
        assertThat(provisioner.insideJail().stat(path)).as("%s in the jail", path)
                .hasValueSatisfying(st -> assertThat(st.mode() & 07777).as("mode %o", st.mode()).isEqualTo(expected));
    }

    @Then("{command} in the Linux userland names Rocky Linux of the configured major release")
    public void userlandOsRelease(List<String> argv) {
        OsRelease os = OsRelease.parse(inUserland(argv).orThrow().stdout());
        assertThat(os.id()).as("ID printed by %s", argv).isEqualTo("rocky");
        assertThat(os.majorVersion()).as("VERSION_ID printed by %s", argv)
                .isEqualTo(world.run().linuxUserland().settings().release());
    }

    @Then("{command} in the Linux userland resolves the name")
    public void resolves(List<String> argv) {
        CommandResult r = inUserland(argv);
        assertThat(r.exitCode()).as("exit code of %s; stderr: %s", argv, r.stderr()).isZero();
        assertThat(r.stdout()).as("output of %s", argv).contains(argv.get(argv.size() - 1));
    }

    @Then("{command} in the Linux userland lists installed packages")
    public void listsPackages(List<String> argv) {
        CommandResult r = inUserland(argv).orThrow();
        assertThat(r.stdoutLines()).as("packages listed by %s", argv).isNotEmpty();
    }

    @Then("the Linux kernel release the userland sees is at least the one its glibc requires")
    public void linuxReleaseSatisfiesGlibc() {
        var releases = provisioner.checks().linuxAbiReleases();
        assertThat(releases.problem()).as(releases.summary()).isEmpty();
    }

    @Then("the rpm database in the Linux userland is sound")
    public void rpmDatabaseSound() {
        assertThat(provisioner.checks().rpmDatabase().problem(provisioner.layout().linuxRootInJail())).as("rpm --verifydb").isEmpty();
    }

    @Then("the package {string} that dnf installed is still installed in the Linux userland")
    public void packageStillInstalled(String name) {
        assertThat(provisioner.checks().packageMissing(name)).as("rpm -q %s", name).isEmpty();
    }

    @Then("the kernel logged no linux: message about the jail that is not in the project's list of expected ones")
    public void noUnexpectedLinuxMessages() {
        var messages = provisioner.checks().linuxKernelMessages(
                LinuxKernelMessages.expected(java.nio.file.Path.of(LinuxKernelMessages.PATH)));
        assertThat(messages.unexpected()).as(messages.summary(layout.jailName())).isEmpty();
    }

    @When("{command} runs in the Linux userland")
    public void runs(List<String> argv) {
        provisioner.runInLinuxUserland(argv);
    }

    @Then("{command} in the Linux userland exits {int}")
    public void exits(List<String> argv, int code) {
        CommandResult r = inUserland(argv);
        assertThat(r.exitCode()).as("exit code of %s; stderr:%n%s", argv, r.stderr()).isEqualTo(code);
    }

    @Then("{command} in the Linux userland lists the repositories {string} and {string}")
    public void listsRepos(List<String> argv, String a, String b) {
        List<String> ids = DnfRepolist.parse(inUserland(argv).orThrow().stdout()).ids();
        assertThat(ids).as("repo ids printed by %s", argv).contains(a, b);
    }

    /** The command's timeout comes from its kind (jailspec.timeout.dnf for dnf). */
    private CommandResult inUserland(List<String> argv) {
        return provisioner.inLinuxUserland(argv);
    }
}
