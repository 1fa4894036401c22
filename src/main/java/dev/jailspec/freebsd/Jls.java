package dev.jailspec.freebsd;

import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.Host;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Lists running jails with jls(8) (freebsd-facts 2.4). */
public final class Jls {
    /** What {@link #find} asks for, in this order. */
    static final List<String> FIND_PARAMS = List.of("jid", "name", "path", "host.hostname");

    private final Host host;

    public Jls(Host host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    /**
     * Every running jail, from {@code jls -v --libxo json}: the default JSON keys (jid, ipv4,
     * hostname, path) lack the jail name and carry one IPv4 address; {@code -v} adds
     * {@code name} and the {@code ipv4_addrs}/{@code ipv6_addrs} lists, and unlike the text
     * table it does not cut long hostnames or paths.
     */
    public List<JailInfo> list() {
        CommandResult r = host.run(Command.probe("jls", "-v", "--libxo", "json")).orThrow();
        return JlsParser.parseJson(r.stdout()).stream().map(JailInfo::from).toList();
    }

    /**
     * The running jail called {@code name}: {@code jls -j NAME -h -q jid name path host.hostname}.
     * {@code -q} makes jls quote values with spaces, so a path with a space still parses.
     * Empty when jls says {@code jls: jail "NAME" not found} and exits 1 (rc.d/jail relies on the
     * same exit status). IP addresses are not asked for here; use {@link #list()}.
     */
    public Optional<JailInfo> find(String name) {
        JailNames.requireValid(name);
        CommandResult r = host.run(Command.probe("jls", "-j", name, "-h", "-q",
                FIND_PARAMS.get(0), FIND_PARAMS.get(1), FIND_PARAMS.get(2), FIND_PARAMS.get(3)));
        if (r.exitCode() == 1 && notFound(r.stderr(), name)) {
            return Optional.empty();
        }
        List<JlsEntry> entries = JlsParser.parseParameters(r.orThrow().stdout(), FIND_PARAMS, true);
        if (entries.size() != 1) {
            throw new IllegalArgumentException("jls -j " + name + " printed " + entries.size() + " jails: " + r.stdout());
        }
        return Optional.of(JailInfo.from(entries.get(0)));
    }

    /** {@code jls: jail "NAME" not found}, or {@code jls: jail N not found} for a numeric id. */
    static boolean notFound(String stderr, String name) {
        Pattern p = Pattern.compile("(?m)^jls: jail (\"" + Pattern.quote(name) + "\"|" + Pattern.quote(name) + ") not found$");
        return p.matcher(stderr).find();
    }
}
