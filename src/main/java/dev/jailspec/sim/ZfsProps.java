package dev.jailspec.sim;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ZFS properties the simulation models, with the column names, alignment and widths of
 * zfs_prop.c / zprop_width(), and the value of each for a dataset.
 */
final class ZfsProps {

    /** A native property: name, column header, number (right-aligned, fixed width), values for usage. */
    record Native(String name, String column, boolean number, boolean readonly, boolean inheritable,
                  List<String> indexValues, String usageValues) {

        /** zprop_width(): the header, at least 5 for numbers, the longest value for index properties. */
        int minWidth() {
            int w = column.length();
            if (number) {
                w = Math.max(w, 5);
            }
            for (String v : indexValues) {
                w = Math.max(w, v.length());
            }
            return w;
        }

        /** Whether values never widen the column (unless -p prints raw numbers). */
        boolean fixedWidth() {
            return number || !indexValues.isEmpty();
        }
    }

    static final Map<String, Native> NATIVE = Map.ofEntries(
            Map.entry("name", new Native("name", "NAME", false, true, false, List.of(), null)),
            Map.entry("type", new Native("type", "TYPE", false, true, false, List.of(), "filesystem | volume | snapshot | bookmark")),
            Map.entry("creation", new Native("creation", "CREATION", true, true, false, List.of(), "<date>")),
            Map.entry("used", new Native("used", "USED", true, true, false, List.of(), "<size>")),
            Map.entry("available", new Native("available", "AVAIL", true, true, false, List.of(), "<size>")),
            Map.entry("referenced", new Native("referenced", "REFER", true, true, false, List.of(), "<size>")),
            Map.entry("mounted", new Native("mounted", "MOUNTED", false, true, false, List.of("yes", "no"), "yes | no")),
            Map.entry("origin", new Native("origin", "ORIGIN", false, true, false, List.of(), "<snapshot>")),
            Map.entry("mountpoint", new Native("mountpoint", "MOUNTPOINT", false, false, true, List.of(), "<path> | legacy | none")),
            // zfs_prop.c zfs_prop_init(), "inherit index (boolean) properties", read at openzfs/zfs master
            // [UNVERIFIED: read in an unpinned copy, not at the zfs-2.2 of FreeBSD 14.x]:
            // exec and setuid default on (filesystems and snapshots), readonly off (filesystems and volumes).
            Map.entry("exec", new Native("exec", "EXEC", false, false, true, List.of("on", "off"), "on | off")),
            Map.entry("setuid", new Native("setuid", "SETUID", false, false, true, List.of("on", "off"), "on | off")),
            Map.entry("readonly", new Native("readonly", "RDONLY", false, false, true, List.of("on", "off"), "on | off")));

    /** The default of each modelled boolean property (zprop_register_index's numdefault, boolean_table). */
    static final Map<String, String> BOOLEAN_DEFAULTS = Map.of("exec", "on", "setuid", "on", "readonly", "off");

    /** Order of {@code zfs get all} (the order of zfs_prop.c's table for these properties). */
    static final List<String> ALL_ORDER = List.of("type", "creation", "used", "available", "referenced", "mounted",
            "origin", "mountpoint", "exec", "setuid", "readonly");

    private static final Map<String, String> ALIASES = Map.of("avail", "available", "refer", "referenced", "rdonly", "readonly");

    /**
     * Native properties of OpenZFS 2.2 that exist but are not modelled: asking for one is a
     * {@link SimUnsupportedException}, never "invalid property".
     */
    private static final Set<String> REAL_BUT_NOT_MODELLED = Set.of(
            "aclinherit", "aclmode", "acltype", "atime", "canmount", "casesensitivity", "checksum", "clones",
            "compression", "compress", "compressratio", "context", "copies", "createtxg", "dedup", "defcontext",
            "devices", "dnodesize", "encryption", "encryptionroot", "filesystem_count", "filesystem_limit",
            "fscontext", "guid", "jailed", "keyformat", "keylocation", "keystatus", "logbias", "logicalreferenced",
            "logicalused", "mlslabel", "nbmand", "normalization", "objsetid", "overlay", "pbkdf2iters",
            "primarycache", "quota", "receive_resume_token", "recordsize", "recsize",
            "redundant_metadata", "refcompressratio", "refquota", "refreservation", "relatime", "reservation",
            "rootcontext", "secondarycache", "sharenfs", "sharesmb", "snapdev", "snapdir",
            "snapshot_count", "snapshot_limit", "snapshots_changed", "special_small_blocks", "sync", "usedbychildren",
            "usedbydataset", "usedbyrefreservation", "usedbysnapshots", "utf8only", "version", "volblocksize",
            "volmode", "volsize", "vscan", "written", "xattr", "zoned", "defer_destroy", "userrefs", "prefetch",
            "direct", "longname", "redact_snaps");

    private static final DateTimeFormatter CREATION = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private ZfsProps() {
    }

    /** The canonical name of a native property ({@code avail} gives {@code available}), or empty. */
    static Optional<Native> nativeProp(String name) {
        return Optional.ofNullable(NATIVE.get(ALIASES.getOrDefault(name, name)));
    }

    /** zfs_prop_user(): lowercase letters, digits and {@code - _ . :}, with at least one colon. */
    static boolean isUserProp(String name) {
        return name.contains(":") && name.chars().allMatch(c ->
                (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == ':');
    }

    /** Refuses a real property the simulation does not model. */
    static void requireModelled(String name) {
        if (REAL_BUT_NOT_MODELLED.contains(name) || name.startsWith("userused@") || name.startsWith("groupused@")
                || name.startsWith("userquota@") || name.startsWith("groupquota@") || name.startsWith("written@")
                || name.startsWith("projectused@") || name.startsWith("projectquota@")) {
            throw new SimUnsupportedException("ZFS property '" + name + "'");
        }
    }

    /** The value of a native property, human-readable or {@code -p} raw. */
    static Zfs.Value value(Zfs zfs, SimState.DatasetState ds, String prop, boolean parsable) throws IOException {
        return switch (prop) {
            case "name" -> new Zfs.Value(ds.name, "-");
            case "type" -> new Zfs.Value(ds.snapshot ? "snapshot" : "filesystem", "-");
            case "creation" -> new Zfs.Value(parsable ? Long.toString(ds.creation)
                    : CREATION.format(Instant.ofEpochSecond(ds.creation)), "-");
            case "used" -> new Zfs.Value(size(zfs.used(ds), parsable), "-");
            case "available" -> new Zfs.Value(ds.snapshot ? "-" : size(zfs.available(ds), parsable), "-");
            case "referenced" -> new Zfs.Value(size(zfs.referenced(ds), parsable), "-");
            case "mounted" -> new Zfs.Value(ds.snapshot ? "-" : ds.mounted() ? "yes" : "no", "-");
            case "origin" -> new Zfs.Value(ds.origin == null ? "-" : ds.origin, "-");
            case "mountpoint" -> zfs.mountpoint(ds);
            case "exec", "setuid" -> zfs.inheritedBoolean(ds, prop);
            // readonly does not apply to snapshots: zfs get prints "-" with source "-"
            case "readonly" -> ds.snapshot ? new Zfs.Value("-", "-") : zfs.inheritedBoolean(ds, prop);
            default -> throw new IllegalArgumentException(prop);
        };
    }

    private static String size(long bytes, boolean parsable) {
        return parsable ? Long.toString(bytes) : SizeFormat.nicebytes(bytes);
    }

    /**
     * The property table zfs(8) appends to the usage of list/get/set/inherit: usage() and
     * usage_prop_cb() of cmd/zfs/zfs_main.c at zfs-2.2.7 (and 2.2.6): {@code %-14s} for the heading,
     * {@code %-15s} for a name (2.3 widened them to 21 and 22), then the fixed rows of the
     * {user|group|project}... properties and the closing paragraphs. Only the modelled properties are
     * listed from the property table (the real one lists every property of the release)
     * [UNVERIFIED: that FreeBSD 14.4 and 14.5 still ship OpenZFS 2.2, with these widths].
     */
    static String usageTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("\nThe following properties are supported:\n");
        sb.append(String.format("%n\t%-14s %s  %s   %s%n%n", "PROPERTY", "EDIT", "INHERIT", "VALUES"));
        NATIVE.values().stream().filter(p -> p.usageValues() != null)
                .sorted(java.util.Comparator.comparing(Native::name))
                .forEach(p -> sb.append(String.format("\t%-15s %s%s%s%n", p.name(),
                        p.readonly() ? " NO    " : "YES    ", p.inheritable() ? "  YES   " : "   NO   ", p.usageValues())));
        for (String used : new String[] {"userused@...", "groupused@...", "projectused@...", "userobjused@...",
            "groupobjused@...", "projectobjused@..."}) {
            sb.append(String.format("\t%-15s  NO       NO   <size>%n", used));
        }
        for (String quota : new String[] {"userquota@...", "groupquota@...", "projectquota@...", "userobjquota@...",
            "groupobjquota@...", "projectobjquota@..."}) {
            sb.append(String.format("\t%-15s YES       NO   <size> | none%n", quota));
        }
        sb.append(String.format("\t%-15s  NO       NO   <size>%n", "written@<snap>"));
        sb.append(String.format("\t%-15s  NO       NO   <size>%n", "written#<bookmark>"));
        sb.append("\nSizes are specified in bytes with standard units such as K, M, G, etc.\n");
        sb.append("\nUser-defined properties can be specified by using a name containing a colon (:).\n");
        sb.append("\nThe {user|group|project}[obj]{used|quota}@ properties must be appended with\n"
                + "a user|group|project specifier of one of these forms:\n"
                + "    POSIX name      (eg: \"matt\")\n"
                + "    POSIX id        (eg: \"126829\")\n"
                + "    SMB name@domain (eg: \"matt@sun\")\n"
                + "    SMB SID         (eg: \"S-1-234-567-89\")\n");
        return sb.toString();
    }
}
