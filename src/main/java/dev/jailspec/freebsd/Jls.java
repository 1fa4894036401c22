package dev.jailspec.freebsd;

import dev.jailspec.host.Command;
import dev.jailspec.host.CommandResult;
import dev.jailspec.host.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Lists running jails with jls(8) (freebsd-facts 2.4). A dying jail (freebsd-facts 9.3) is not
 * running: {@link #find} and {@link #list} leave it out, {@link #presence} tells it apart.
 */
public final class Jls {
    /** What {@link #find} asks for, in this order. */
    static final List<String> FIND_PARAMS = List.of("jid", "name", "path", "host.hostname");
    /** What {@link #presence} asks for: {@code dying} is the kernel's read-only boolean (kern_jail.c kern_jail_get). */
    static final List<String> PRESENCE_PARAMS = List.of("jid", "name", "path", "host.hostname", "dying");

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
     * same exit status), and also when it says {@code jail "NAME" is dying}: without {@code -d}
     * the kernel refuses a dying jail with that text (kern_jail.c kern_jail_get [UNVERIFIED: an unpinned
     * 14-era copy, not releng/14.3],
     * printed by jls.c main() through {@code xo_errx(1, "%s", jail_errmsg)}). IP addresses are not
     * asked for here; use {@link #list()}.
     */
    public Optional<JailInfo> find(String name) {
        JailNames.requireValid(name);
        List<String> argv = new ArrayList<>(List.of("jls", "-j", name, "-h", "-q"));
        argv.addAll(FIND_PARAMS);
        CommandResult r = host.run(Command.probe(argv));
        if (r.exitCode() == 1 && (lookupFailed(r.stderr(), name, "not found") || lookupFailed(r.stderr(), name, "is dying"))) {
            return Optional.empty();
        }
        return Optional.of(JailInfo.from(single(r, name, FIND_PARAMS)));
    }

    /**
     * Whether {@code name} is running, dying or absent: {@code jls -d -j NAME -h -q jid name path
     * host.hostname dying}. jls.c: {@code -d} sets {@code JAIL_DYING}, so the kernel also finds a
     * dying prison (prison_find_name prefers a live one of the same name) and reports
     * {@code dying} (kern_jail_get: {@code i = !prison_isalive(pr)}) through libjail's
     * jailparam_export. [UNVERIFIED: that export writes booleans as true/false; 1/0 is read too.]
     */
    public JailPresence presence(String name) {
        JailNames.requireValid(name);
        List<String> argv = new ArrayList<>(List.of("jls", "-d", "-j", name, "-h", "-q"));
        argv.addAll(PRESENCE_PARAMS);
        CommandResult r = host.run(Command.probe(argv));
        if (r.exitCode() == 1 && lookupFailed(r.stderr(), name, "not found")) {
            return new JailPresence.Absent();
        }
        JlsEntry e = single(r, name, PRESENCE_PARAMS);
        JailInfo info = JailInfo.from(e);
        String dying = e.value("dying").orElse("");
        return switch (dying) {
            case "true", "1" -> new JailPresence.Dying(info);
            case "false", "0" -> new JailPresence.Running(info);
            default -> throw new IllegalArgumentException("jls printed dying=" + dying + " for " + name
                    + "; expected true or false (or 1 or 0): " + r.stdout());
        };
    }

    /** What {@link #linuxParameters} asks for (linux_mib.c: jail parameters that exist while linux.ko is loaded). */
    static final List<String> LINUX_PARAMS = List.of("linux", "linux.osrelease");

    /**
     * The running jail's Linux parameters: {@code jls -j NAME -h -q linux linux.osrelease}.
     * linux_prison_get() (sys/compat/linux/linux_mib.c) reports {@code linux.osrelease} empty for a
     * jail that inherits (the default), which then answers with the host's {@code compat.linux.osrelease}.
     */
    public JlsEntry linuxParameters(String name) {
        JailNames.requireValid(name);
        List<String> argv = new ArrayList<>(List.of("jls", "-j", name, "-h", "-q"));
        argv.addAll(LINUX_PARAMS);
        return single(host.run(Command.probe(argv)), name, LINUX_PARAMS);
    }

    private static JlsEntry single(CommandResult r, String name, List<String> params) {
        List<JlsEntry> entries = JlsParser.parseParameters(r.orThrow().stdout(), params, true);
        if (entries.size() != 1) {
            throw new IllegalArgumentException("jls -j " + name + " printed " + entries.size() + " jails: " + r.stdout());
        }
        return entries.get(0);
    }

    /**
     * {@code jls: jail "NAME" <what>}, or {@code jls: jail N <what>} for a numeric id, where what is
     * {@code not found} or {@code is dying} (kern_jail.c kern_jail_get [UNVERIFIED: an unpinned 14-era copy,
     * not releng/14.3]).
     */
    static boolean lookupFailed(String stderr, String name, String what) {
        Pattern p = Pattern.compile("(?m)^jls: jail (\"" + Pattern.quote(name) + "\"|" + Pattern.quote(name) + ") "
                + Pattern.quote(what) + "$");
        return p.matcher(stderr).find();
    }
}
