package dev.jailspec.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Allure's {@code categories.json}: sorts failed and broken scenarios by the domain that failed,
 * from the failure message alone (Allure matches each category's {@code messageRegex} against the
 * whole message with {@code Pattern.DOTALL}, and puts a result in <em>every</em> category that
 * matches).
 *
 * <p>So that each failure lands in exactly one category, a category's regex is built from its
 * own signals plus "none of the signals of a more specific category": a failed {@code zfs clone}
 * whose message also names a {@code .txz} path is a ZFS failure only if checksum/archive has no
 * stronger claim, and so on down {@link #PRECEDENCE}. "Harness defect" takes broken results
 * (exceptions other than failed expectations) that no domain claims. A failed expectation no
 * domain claims stays in Allure's own "Product defects".
 *
 * <p>The signals follow the messages the harness writes: Preflight's "is not ready" and "fix:",
 * Downloader's "URL: HTTP 404" and "gave up after", ChecksumMismatchException's "sha256",
 * CommandFailedException's "command `zfs ...`", Waits' "waited ... for jail ...", AssertJ
 * descriptions such as "[jexec lrdev ifconfig epair253b]", argv lists such as "[dnf, -y, update]".
 */
public final class AllureCategories {
    public static final String FILE = "categories.json";

    public static final String HOST = "host not ready";
    public static final String DOWNLOAD = "download or mirror";
    public static final String CHECKSUM = "checksum or archive";
    public static final String ZFS = "ZFS";
    public static final String JAIL_START = "jail start";
    public static final String NETWORK = "network inside the jail";
    public static final String LINUX = "Linux userland";
    public static final String DNF = "dnf";
    public static final String HARNESS = "harness defect";

    private static final List<String> FAILED_OR_BROKEN = List.of("failed", "broken");

    /** The domains, most specific first: a message is claimed by the first whose signals it contains. */
    static final List<Domain> PRECEDENCE = List.of(
            new Domain(HOST, "Preflight refused the host (root, release, pool, bridge); nothing was changed",
                    "is not ready; nothing was changed|\\n\\s*fix: |; fix: |\\[preflight findings\\]"
                            + "|jailspec\\.target=local drives"),
            new Domain(DOWNLOAD, "A download failed: HTTP status, retries used up, mirror mid-update, freebsd-update fetch",
                    "https?://\\S+: HTTP \\d{3}|gave up after \\d+ attempts?|while downloading|interrupted while waiting to retry"
                            + "|mid-update on the mirror|matches several dated images|The mirror may be down"
                            + "|cannot create the cache directory|too large for a listing|freebsd-update could not patch"
                            + "|command `(?:fetch|curl|wget) "),
            new Domain(CHECKSUM, "A checksum did not match, a listing did not parse, or an archive is damaged or refused",
                    "sha256|SHA256|\\bCHECKSUM\\b|\\bMANIFEST\\b|\\bchecksum\\b|\\.txz\\b|\\.tar(?:\\.xz|\\.gz)?\\b|\\bxz\\b"
                            + "|\\bgzip\\b|\\btar\\b|\\barchive\\b|\\bOCI\\b|unsafe member|the Minimal image"
                            + "|wrong distribution|is refused for|root file system"),
            new Domain(ZFS, "A zfs command failed, or a dataset or snapshot is missing or not as expected",
                    "command `zfs |\\bzfs (?:list|get|set|create|clone|snapshot|destroy|rename|mount|promote|rollback|inherit)\\b"
                            + "|\\bzpool\\b|dataset does not exist|dataset already exists|\\bdatasets? |\\bsnapshots? "
                            + "|jailspec\\.zfs\\.|\\[origin of |\\[mountpoint of |has origin |is mounted at "),
            new Domain(JAIL_START, "The jail's config, service jail start/stop, or jls did not show the jail as expected",
                    "service jail |\\bjail\\(8\\)|waited [^\\n]* for jail |\\bjail_enable\\b|\\bjail_parallel_start\\b"
                            + "|\\[jail (?:name|path)\\]|\\bjls -j |jail '[^']*' is not running|/etc/jail\\.conf"
                            + "|\\[file service jail start reads\\]"
                            + "|\\[(?:path|vnet|vnet\\.interface|devfs_ruleset|exec\\.prestart|exec\\.start)\\]"
                            + "|command `(?:jail|jls) "),
            new Domain(NETWORK, "Inside the jail: interface, address, default route or name resolution",
                    "jexec \\S+ (?:ifconfig|route|ping|netstat|host|drill)\\b|\\bepair\\d+[ab]\\b|default route"
                            + "|\\[getent, hosts|getent hosts|resolve host|name resolution|Network is unreachable"
                            + "|No route to host|Could not resolve|Couldn't resolve"),
            new Domain(DNF, "A dnf command in the Linux userland failed or printed the wrong thing",
                    "\\[dnf,|\\bdnf (?:-\\S+ )*(?:makecache|update|upgrade|install|reinstall|remove|erase|repolist"
                            + "|config-manager|check-update|clean|search|info|list|distro-sync|group|module)\\b"
                            + "|\\bCurl error|Failed to download metadata for repo|Unable to find a match"),
            new Domain(LINUX, "The Linux ABI, the Linux userland under /compat/<distribution> or its Linux mounts",
                    "\\bcompat/[a-z][a-z0-9]*\\b|Linux userland|os-release|\\blinux64\\b|service linux|\\blinux_enable\\b"
                            + "|Linux ABI|\\blinprocfs\\b|\\blinsysfs\\b|\\bfdescfs\\b|\\bchroot\\b|\\brpm\\b"
                            + "|jexec \\S+ mount\\b|VERSION_ID|packages listed by|\\bdnf\\b"));

    /** The order the categories are listed in the file, as a reader expects them. */
    static final List<String> LISTED = List.of(HOST, DOWNLOAD, CHECKSUM, ZFS, JAIL_START, NETWORK, LINUX, DNF, HARNESS);

    record Domain(String name, String description, String signals) {
    }

    /** One entry of categories.json, as Allure reads it. */
    public record Category(String name, String description, List<String> matchedStatuses, String messageRegex) {
    }

    private AllureCategories() {
    }

    public static List<Category> categories() {
        Map<String, Category> byName = new LinkedHashMap<>();
        List<String> stronger = new ArrayList<>();
        for (Domain d : PRECEDENCE) {
            byName.put(d.name(), new Category(d.name(), d.description(), FAILED_OR_BROKEN,
                    "(?s)" + noneOf(stronger) + "(?=.*(?:" + d.signals() + ")).*"));
            stronger.add(d.signals());
        }
        byName.put(HARNESS, new Category(HARNESS,
                "An exception the harness did not expect (a bug in jailspec, or output it cannot parse)",
                List.of("broken"), "(?s)" + noneOf(stronger) + ".*"));
        return LISTED.stream().map(byName::get).toList();
    }

    private static String noneOf(List<String> signals) {
        var sb = new StringBuilder();
        signals.forEach(s -> sb.append("(?!.*(?:").append(s).append("))"));
        return sb.toString();
    }

    public static String json() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(categories());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path writeTo(Path resultsDir) {
        Path file = resultsDir.resolve(FILE);
        try {
            Files.createDirectories(resultsDir);
            Files.writeString(file, json());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }
}
