package dev.jailspec.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jailspec.artifact.ArchiveInspector;
import dev.jailspec.artifact.Downloader;
import dev.jailspec.config.SettingsLoader;
import dev.jailspec.event.EventBus;
import dev.jailspec.freebsd.Ifconfig;
import dev.jailspec.freebsd.PrefixedHost;
import dev.jailspec.freebsd.PrefixedHost;
import dev.jailspec.freebsd.Sysrc;
import dev.jailspec.freebsd.Zfs;
import dev.jailspec.host.Command;
import dev.jailspec.provision.Layout;
import dev.jailspec.provision.Preflight;
import dev.jailspec.provision.ReleaseSupport;
import dev.jailspec.provision.Waits;
import dev.jailspec.sim.fixtures.FixtureArchives;
import dev.jailspec.sim.fixtures.FixtureServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Applies categories.json as Allure does (every category whose statuses and DOTALL full-match
 * regex fit) to failures made by the harness's own classes, and checks each lands in exactly its
 * domain's category.
 */
class AllureCategoriesTest {
    private static final String JAIL = "lrdev";
    private static final String JAIL_PATH = "/zdata/jails/containers/lrdev";
    private static final String SNAPSHOT = "zdata/jails/templates/14.3-RELEASE@base";

    @TempDir
    Path dir;

    private List<Map<String, Object>> categories;
    private final FakeHost host = new FakeHost();

    @BeforeEach
    void loadTheWrittenFile() throws IOException {
        Path file = AllureCategories.writeTo(dir.resolve("allure-results"));
        categories = new ObjectMapper().readValue(file.toFile(), new TypeReference<>() { });
    }

    /** Allure's CategoriesPlugin.matches, for one result: status and message. */
    @SuppressWarnings("unchecked")
    private List<String> categoriesOf(Throwable failure) {
        String status = failure instanceof AssertionError ? "failed" : "broken";
        String message = failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
        return categories.stream()
                .filter(c -> ((List<String>) c.get("matchedStatuses")).contains(status))
                .filter(c -> Pattern.compile((String) c.get("messageRegex"), Pattern.DOTALL).matcher(message).matches())
                .map(c -> (String) c.get("name"))
                .toList();
    }

    @Test
    void aWaivedFailureIsAKnownFailureOnlyWhateverDomainItsMessageNames() {
        var failure = new AssertionError(WaiverAllureListener.MARK + "2027-01-31, https://tickets.example/7] dnf mirror"
                + " flaps\ncommand `zfs clone zdata/jails/templates/14.3-RELEASE@base ...` exited 1");
        assertThat(categoriesOf(failure)).containsExactly(AllureCategories.WAIVED);
        assertThat(categoriesOf(new IllegalStateException(failure.getMessage()))).containsExactly(AllureCategories.WAIVED);
    }

    private PrefixedHost userland() {
        return PrefixedHost.jail(host, JAIL, JAIL_PATH).chroot("/compat/rocky");
    }

    @Test
    void theFileListsTheDomainsOfTheIssueAndHarnessDefectLastForBrokenOnly() {
        assertThat(categories).extracting(c -> c.get("name")).containsExactly("known failure (waived)",
                "host not ready", "download or mirror", "checksum or archive", "ZFS", "jail start",
                "network inside the jail", "Linux userland", "dnf", "harness defect");
        assertThat(categories.get(9).get("matchedStatuses")).isEqualTo(List.of("broken"));
        assertThat(categories.get(3).get("matchedStatuses")).isEqualTo(List.of("failed", "broken"));
    }

    @Test
    void aFailedZfsCloneIsAZfsFailure() {
        host.answer("zfs clone -o jailspec:owner=jailspec " + SNAPSHOT + " " + JAIL_PATH.substring(1), 1, "",
                "cannot create 'zdata/jails/containers/lrdev': dataset already exists\n");
        Throwable failure = catchThrowable(() -> new Zfs(host).clone(SNAPSHOT, "zdata/jails/containers/lrdev",
                Map.of("jailspec:owner", "jailspec")));

        assertThat(failure).hasMessageContaining("command `zfs clone");
        assertThat(categoriesOf(failure)).containsExactly(AllureCategories.ZFS);
    }

    @Test
    void aMissingSnapshotSeenByAStepIsAZfsFailure() {
        Throwable failure = catchThrowable(() -> assertThat(Optional.empty()).as("zfs list %s", SNAPSHOT).isPresent());

        assertThat(categoriesOf(failure)).containsExactly(AllureCategories.ZFS);
    }

    @Test
    void aHostThatFailsThePreflightIsNotReady() {
        host.answer("id -u", 0, "1001\n", "")
                .answer("freebsd-version -kru", 0, "14.3-RELEASE\n14.3-RELEASE\n14.3-RELEASE\n", "")
                .answer("zfs list -H -o name zdata", 1, "", "cannot open 'zdata': dataset does not exist\n")
                .answer("ifconfig igc0bridge", 0, "igc0bridge: flags=8843<UP> mtu 1500\n", "");
        var props = new Properties();
        props.setProperty("jailspec.clock", "2026-12-03");
        props.setProperty("jailspec.freebsd.release", "14.3-RELEASE");
        props.setProperty("jailspec.freebsd.allowEol", "true");
        var settings = SettingsLoader.load(dir, Map.of(), props);
        Layout layout = Layout.of(settings);

        Throwable failure = catchThrowable(() -> new Preflight(host, layout, ReleaseSupport.of(settings)).requireReady());

        assertThat(failure).hasMessageContaining("is not ready").hasMessageContaining("dataset does not exist");
        assertThat(categoriesOf(failure)).containsExactly(AllureCategories.HOST);
    }

    @Test
    void aMissingFileOnTheMirrorAndAWrongChecksumAreTold() throws IOException {
        var release = FixtureArchives.freebsd("14.3-RELEASE");
        try (var server = FixtureServer.start().serveFreebsd(release)) {
            var downloader = new Downloader(dir.resolve("cache"), new EventBus(), Downloader.Options.defaults()
                    .withMaxAttempts(1).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10)));
            String base = FixtureServer.freebsdPath("14.3-RELEASE", "base.txz");

            Throwable missing = catchThrowable(() -> downloader.download(
                    server.url(base.replace("14.3-RELEASE", "14.9-RELEASE")), release.base().sha256(), "check the mirror"));
            Throwable mismatch = catchThrowable(() -> downloader.download(server.url(base), "0".repeat(64), "check the mirror"));

            assertThat(categoriesOf(missing)).as(missing.getMessage()).containsExactly(AllureCategories.DOWNLOAD);
            assertThat(categoriesOf(mismatch)).as(mismatch.getMessage()).containsExactly(AllureCategories.CHECKSUM);
        }
        Path notAnArchive = Files.writeString(dir.resolve("base.txz"), "<html>mirror error page</html>");
        Throwable damaged = catchThrowable(() -> new ArchiveInspector().inspect(notAnArchive));
        assertThat(categoriesOf(damaged)).as(damaged.getMessage()).containsExactly(AllureCategories.CHECKSUM);
    }

    @Test
    void aJailThatNeverShowsUpInJlsIsAJailStartFailure() {
        Throwable failure = catchThrowable(() -> new Waits(new EventBus()).until(
                "jail lrdev running at " + JAIL_PATH, Duration.ofMillis(50), Optional::empty, Optional::isPresent,
                found -> "jls -j lrdev: not found"));

        assertThat(failure).hasMessageStartingWith("waited 50 ms for jail lrdev");
        assertThat(categoriesOf(failure)).containsExactly(AllureCategories.JAIL_START);
    }

    @Test
    void jexecIntoAJailThatIsNotRunningIsAJailStartFailure() {
        host.answer("jexec lrdev ifconfig epair253b", 1, "", "jexec: jail \"lrdev\" not found\n");
        Throwable failure = catchThrowable(() -> PrefixedHost.jail(host, JAIL, "/zdata/jails/containers/" + JAIL)
                .run(Command.of("ifconfig", "epair253b")));

        assertThat(categoriesOf(failure)).as(failure.getMessage()).containsExactly(AllureCategories.JAIL_START);
    }

    @Test
    void aMissingEpairOrAWrongAddressInsideTheJailIsANetworkFailure() {
        host.answer("jexec lrdev ifconfig epair253b", 1, "", "ifconfig: interface epair253b does not exist\n");
        Throwable missing = catchThrowable(() -> new Ifconfig(PrefixedHost.jail(host, JAIL, JAIL_PATH)).describe("epair253b"));
        Throwable wrongAddress = catchThrowable(() -> assertThat(List.of("192.168.7.99/24"))
                .as("jexec %s ifconfig %s", JAIL, "epair253b").contains("192.168.7.253/24"));

        assertThat(categoriesOf(missing)).as(missing.getMessage()).containsExactly(AllureCategories.NETWORK);
        assertThat(categoriesOf(wrongAddress)).containsExactly(AllureCategories.NETWORK);
    }

    @Test
    void aFailedDnfInstallIsADnfFailureThoughItRanInTheLinuxUserland() {
        host.answer("jexec lrdev chroot /compat/rocky dnf -y install nosuchpkg", 1, "",
                "Last metadata expiration check: 0:01:02 ago.\nNo match for argument: nosuchpkg\n"
                        + "Error: Unable to find a match: nosuchpkg\n");
        Throwable failure = catchThrowable(() -> userland().run(Command.of("dnf", "-y", "install", "nosuchpkg")).orThrow());

        assertThat(failure).hasMessageContaining("/compat/rocky");
        assertThat(categoriesOf(failure)).containsExactly(AllureCategories.DNF);
    }

    @Test
    void aMissingOsReleaseInTheUserlandIsALinuxUserlandFailure() {
        host.answer("jexec lrdev chroot /compat/rocky cat /etc/os-release", 1, "",
                "cat: /etc/os-release: No such file or directory\n");
        Throwable failure = catchThrowable(() -> userland().run(Command.of("cat", "/etc/os-release")).orThrow());
        Throwable wrongRelease = catchThrowable(() -> assertThat("8")
                .as("VERSION_ID in %s (%s)", "/compat/rocky/etc/os-release", "Rocky Linux 8.10").isEqualTo("9"));

        assertThat(categoriesOf(failure)).containsExactly(AllureCategories.LINUX);
        assertThat(categoriesOf(wrongRelease)).containsExactly(AllureCategories.LINUX);
    }

    @Test
    void anExceptionNoDomainClaimsIsAHarnessDefectWhenBroken() {
        Throwable badName = catchThrowable(() -> new Sysrc(host).get("not a name"));
        Throwable npe = catchThrowable(() -> ((String) null).length());

        assertThat(badName).isInstanceOf(IllegalArgumentException.class);
        assertThat(categoriesOf(badName)).as(badName.getMessage()).containsExactly(AllureCategories.HARNESS);
        assertThat(categoriesOf(npe)).containsExactly(AllureCategories.HARNESS);
    }

    @Test
    void aFailedExpectationNoDomainClaimsIsLeftToAlluresProductDefects() {
        Throwable failure = catchThrowable(() -> assertThat(3).as("answers").isEqualTo(4));

        assertThat(categoriesOf(failure)).isEmpty();
    }
}
